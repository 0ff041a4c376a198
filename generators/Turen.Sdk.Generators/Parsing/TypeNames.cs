using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>
/// Writes <c>global::</c>-qualified type names exactly as <see cref="SymbolDisplayFormat.FullyQualifiedFormat"/> would
/// (plus <c>?</c> on nullable reference types when asked), for the shapes serialized members have. <c>ToDisplayString</c>
/// builds a list of display parts per call and was the largest single cost of parsing a type; anything unusual (type
/// parameters, tuples, pointers, keyword-named types, errors) still goes through it.
/// </summary>
internal static class TypeNames
{
    private static readonly SymbolDisplayFormat NullableFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The type as written in generated code, with nullable annotations.</summary>
    public static string Display(ITypeSymbol type)
    {
        if (Keyword(type) is { } keyword)
        {
            return IsAnnotatedReference(type) ? keyword + "?" : keyword;
        }

        var builder = new StringBuilder(64);
        return TryAppend(builder, type, includeNullable: true) ? builder.ToString() : type.ToDisplayString(NullableFormat);
    }

    /// <summary>The type's <c>global::</c>-qualified name, without nullable annotations.</summary>
    public static string FullyQualified(INamedTypeSymbol type)
    {
        var builder = new StringBuilder(64);
        return TryAppend(builder, type, includeNullable: false) ? builder.ToString() : type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }

    /// <summary>The dotted namespace, or null for the global namespace.</summary>
    public static string? Namespace(INamespaceSymbol ns)
    {
        if (ns.IsGlobalNamespace)
        {
            return null;
        }

        var builder = new StringBuilder(32);
        return TryAppendNamespace(builder, ns) ? builder.ToString() : ns.ToDisplayString();
    }

    private static bool TryAppend(StringBuilder builder, ITypeSymbol type, bool includeNullable)
    {
        if (Keyword(type) is { } keyword)
        {
            builder.Append(keyword);
        }
        else if (type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Void)
        {
            // Shown as nint/nuint/void depending on options and language version.
            return false;
        }
        else if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1 || array.ElementType is IArrayTypeSymbol || !TryAppend(builder, array.ElementType, includeNullable))
            {
                return false;
            }

            builder.Append("[]");
        }
        else if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface or TypeKind.Enum or TypeKind.Delegate } named
                 && !named.IsTupleType && named.CanBeReferencedByName)
        {
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                // Nullable<T> displays as T? whatever the options.
                return TryAppend(builder, named.TypeArguments[0], includeNullable) && builder.Append('?') is not null;
            }

            builder.Append("global::");
            if (!TryAppendContainer(builder, named) || !TryAppendName(builder, named.Name))
            {
                return false;
            }

            if (named.IsGenericType)
            {
                builder.Append('<');
                for (int i = 0; i < named.TypeArguments.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    if (!TryAppend(builder, named.TypeArguments[i], includeNullable))
                    {
                        return false;
                    }
                }

                builder.Append('>');
            }
        }
        else
        {
            return false;
        }

        if (includeNullable && IsAnnotatedReference(type))
        {
            builder.Append('?');
        }

        return true;
    }

    private static bool TryAppendContainer(StringBuilder builder, INamedTypeSymbol type)
    {
        if (type.ContainingType is { } outer)
        {
            // An enclosing generic type would need its type arguments: leave that to ToDisplayString.
            return !outer.IsGenericType && TryAppendContainer(builder, outer) && TryAppendName(builder, outer.Name) && builder.Append('.') is not null;
        }

        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            return TryAppendNamespace(builder, ns) && builder.Append('.') is not null;
        }

        return true;
    }

    private static bool TryAppendNamespace(StringBuilder builder, INamespaceSymbol ns)
    {
        if (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            if (!TryAppendNamespace(builder, parent))
            {
                return false;
            }

            builder.Append('.');
        }

        return TryAppendName(builder, ns.Name);
    }

    private static bool TryAppendName(StringBuilder builder, string name)
    {
        // Keywords (reserved or contextual) may be escaped with '@' by the display format: leave them to it.
        if (name.Length == 0 || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None)
        {
            return false;
        }

        builder.Append(name);
        return true;
    }

    private static bool IsAnnotatedReference(ITypeSymbol type) => type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;

    private static string? Keyword(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Object => "object",
        SpecialType.System_String => "string",
        SpecialType.System_Boolean => "bool",
        SpecialType.System_Char => "char",
        SpecialType.System_Byte => "byte",
        SpecialType.System_SByte => "sbyte",
        SpecialType.System_Int16 => "short",
        SpecialType.System_UInt16 => "ushort",
        SpecialType.System_Int32 => "int",
        SpecialType.System_UInt32 => "uint",
        SpecialType.System_Int64 => "long",
        SpecialType.System_UInt64 => "ulong",
        SpecialType.System_Single => "float",
        SpecialType.System_Double => "double",
        SpecialType.System_Decimal => "decimal",
        _ => null,
    };
}
