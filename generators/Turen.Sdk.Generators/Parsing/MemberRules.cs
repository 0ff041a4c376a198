using System;
using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Model;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>The rules one serialized member must meet (TUR10x on the member), and its <see cref="MemberSpec"/>.</summary>
internal static class MemberRules
{
    // Names that say "this is a key": a hash of it could never be used again, so [Hashed] on it is a mistake (TUR103).
    private static readonly string[] KeyMaterialSuffixes =
    {
        "PrivateKey", "SigningKey", "EncryptionKey", "DeviceKey", "DataKey", "WrappingKey", "KeyMaterial", "MasterKey", "Seed",
    };

    /// <summary>The member's spec, or null when it breaks a rule (reported to <paramref name="diagnostics"/>).</summary>
    public static MemberSpec? Parse(INamedTypeSymbol type, IPropertySymbol property, MemberAttributes attributes, DiagnosticList diagnostics)
    {
        bool encrypted = attributes.Encrypted, hashed = attributes.Hashed, context = attributes.Context;
        int before = diagnostics.Count;

        if (!CanAssign(type, property))
        {
            diagnostics.Add(FieldDiagnosticIds.SetterMissing, property, property.Name);
        }

        if (encrypted && hashed)
        {
            diagnostics.Add(FieldDiagnosticIds.EncryptedAndHashed, property, property.Name);
        }

        TypeRef? typeRef = TypeRefParser.Parse(property.Type, out string? reason);

        if (hashed && !encrypted && IsKeyMaterial(property))
        {
            diagnostics.Add(FieldDiagnosticIds.HashedKeyMaterial, property, property.Name);
        }
        else if (hashed && !encrypted && property.Type.SpecialType != SpecialType.System_String)
        {
            diagnostics.Add(FieldDiagnosticIds.UnsupportedMemberType, property, property.Name, TypeName(typeRef, property), "[Hashed] supports string members only");
        }

        if (encrypted && !hashed && typeRef?.Kind is not (ValueKind.String or ValueKind.Bytes))
        {
            diagnostics.Add(FieldDiagnosticIds.UnsupportedMemberType, property, property.Name, TypeName(typeRef, property), "[Encrypted] supports string and byte[] members only");
        }

        if (context)
        {
            if (encrypted || hashed)
            {
                diagnostics.Add(FieldDiagnosticIds.InvalidContextMember, property, property.Name, "is itself encrypted or hashed");
            }
            else if (!IsStableScalar(typeRef))
            {
                diagnostics.Add(FieldDiagnosticIds.InvalidContextMember, property, property.Name, $"has type '{TypeName(typeRef, property)}', which is not a stable non-null scalar");
            }
        }

        if (typeRef is null && !attributes.IsAnnotated)
        {
            diagnostics.Add(FieldDiagnosticIds.UnsupportedMemberType, property, property.Name, TypeName(typeRef, property), reason ?? "unsupported type");
        }

        if (diagnostics.Count != before || typeRef is null)
        {
            return null;
        }

        Protection protection = encrypted ? Protection.Encrypted
            : hashed ? (attributes.HashKind == TurenContract.HashKindPassword ? Protection.HashedPassword : Protection.HashedKeyed)
            : context ? Protection.Context
            : Protection.None;
        return new MemberSpec(property.Name, attributes.JsonName ?? property.Name, typeRef, protection, property.IsRequired);
    }

    // The parsed type's display name is the member type's display name; only an unsupported type needs formatting again.
    private static string TypeName(TypeRef? typeRef, IPropertySymbol property) => typeRef?.FullyQualifiedName ?? TypeNames.Display(property.Type);

    private static bool CanAssign(INamedTypeSymbol type, IPropertySymbol property)
    {
        if (property.SetMethod is null)
        {
            return false;
        }

        // A private setter is reachable from the generated partial only when declared on this very type.
        return property.SetMethod.DeclaredAccessibility != Accessibility.Private ||
            SymbolEqualityComparer.Default.Equals(property.ContainingType, type);
    }

    private static bool IsKeyMaterial(IPropertySymbol property)
    {
        ITypeSymbol type = property.Type;
        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
        {
            return true;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments[0].SpecialType == SpecialType.System_Byte &&
            named.Name is "ReadOnlyMemory" or "Memory" or "ArraySegment")
        {
            return true;
        }

        foreach (string suffix in KeyMaterialSuffixes)
        {
            if (property.Name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStableScalar(TypeRef? type) =>
        type is not null && !type.AllowsNull && type.Kind is ValueKind.String or ValueKind.Guid or ValueKind.Boolean or ValueKind.Enum
            or ValueKind.Byte or ValueKind.SByte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.Int32 or ValueKind.UInt32
            or ValueKind.Int64 or ValueKind.UInt64;
}
