using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Model;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>Maps a member's type symbol to a <see cref="TypeRef"/>, or explains why it cannot be serialized.</summary>
internal static class TypeRefParser
{
    /// <summary>Returns the type, or null with <paramref name="reason"/> set.</summary>
    public static TypeRef? Parse(ITypeSymbol type, out string? reason) => Parse(type, allowCollections: true, out reason);

    public static string Display(ITypeSymbol type) => TypeNames.Display(type);

    private static TypeRef? Parse(ITypeSymbol type, bool allowCollections, out string? reason)
    {
        reason = null;
        string name = Display(type);
        bool nullableRef = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;

        ValueKind? scalar = Scalar(type);
        if (scalar is ValueKind kind)
        {
            return new TypeRef(kind, name, null, null, nullableRef);
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            TypeRef? inner = Parse(nullable.TypeArguments[0], allowCollections: false, out reason);
            return inner is null ? null : new TypeRef(ValueKind.Nullable, name, inner, null, true);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            return new TypeRef(ValueKind.Enum, name, null, Scalar(underlying), false);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Byte && array.Rank == 1)
            {
                return new TypeRef(ValueKind.Bytes, name, null, null, nullableRef);
            }

            if (!allowCollections || array.Rank != 1)
            {
                reason = "nested collections and multi-dimensional arrays are not supported";
                return null;
            }

            TypeRef? element = Parse(array.ElementType, allowCollections: false, out reason);
            return element is null ? null : new TypeRef(ValueKind.Array, name, element, null, nullableRef);
        }

        if (type is INamedTypeSymbol named && IsListLike(named))
        {
            if (!allowCollections)
            {
                reason = "nested collections are not supported";
                return null;
            }

            TypeRef? element = Parse(named.TypeArguments[0], allowCollections: false, out reason);
            return element is null ? null : new TypeRef(ValueKind.List, name, element, null, nullableRef);
        }

        if (type is INamedTypeSymbol candidate && IsSerializableType(candidate))
        {
            return new TypeRef(ValueKind.Nested, name, null, null, nullableRef) { IsValueTypeNested = candidate.IsValueType };
        }

        reason = "supported are string, bool, numeric types, Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, enums, byte[], Nullable<T>, arrays and lists of these, and partial types with Turen-annotated members";
        return null;
    }

    /// <summary>A type with Turen-annotated members (its serializer is generated) or that already implements ITurenSerializable.</summary>
    internal static bool IsSerializableType(INamedTypeSymbol type)
    {
        foreach (INamedTypeSymbol iface in type.AllInterfaces)
        {
            if (SymbolIdentity.Is(iface, TurenContract.MetadataNamespace, TurenContract.SerializableInterfaceName))
            {
                return true;
            }
        }

        return MemberDiscovery.HasAnnotatedProperty(type);
    }

    private static bool IsListLike(INamedTypeSymbol type)
    {
        if (!type.IsGenericType || type.TypeArguments.Length != 1)
        {
            return false;
        }

        return type.Name is "List" or "IList" or "IReadOnlyList" or "ICollection" or "IReadOnlyCollection" or "IEnumerable"
            && type.ContainingType is null && SymbolIdentity.IsNamespace(type.ContainingNamespace, "System.Collections.Generic");
    }

    private static ValueKind? Scalar(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return ValueKind.String;
            case SpecialType.System_Boolean: return ValueKind.Boolean;
            case SpecialType.System_Byte: return ValueKind.Byte;
            case SpecialType.System_SByte: return ValueKind.SByte;
            case SpecialType.System_Int16: return ValueKind.Int16;
            case SpecialType.System_UInt16: return ValueKind.UInt16;
            case SpecialType.System_Int32: return ValueKind.Int32;
            case SpecialType.System_UInt32: return ValueKind.UInt32;
            case SpecialType.System_Int64: return ValueKind.Int64;
            case SpecialType.System_UInt64: return ValueKind.UInt64;
            case SpecialType.System_Single: return ValueKind.Single;
            case SpecialType.System_Double: return ValueKind.Double;
            case SpecialType.System_Decimal: return ValueKind.Decimal;
            case SpecialType.System_DateTime: return ValueKind.DateTime;
        }

        if (type is not INamedTypeSymbol { IsGenericType: false, ContainingType: null } || !SymbolIdentity.IsNamespace(type.ContainingNamespace, "System"))
        {
            return null;
        }

        return type.Name switch
        {
            "Guid" => ValueKind.Guid,
            "DateTimeOffset" => ValueKind.DateTimeOffset,
            "DateOnly" => ValueKind.DateOnly,
            "TimeOnly" => ValueKind.TimeOnly,
            "TimeSpan" => ValueKind.TimeSpan,
            _ => null,
        };
    }
}
