using Microsoft.CodeAnalysis;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>
/// Identity checks on symbols without <c>ToDisplayString</c>, which allocates a string per call; these checks run for
/// every attribute of every member of every annotated type. The names come from <see cref="TurenContract"/>.
/// </summary>
internal static class SymbolIdentity
{
    /// <summary>True when <paramref name="type"/> is the top-level type <paramref name="metadataName"/> in namespace <paramref name="dottedNamespace"/>.</summary>
    public static bool Is(ITypeSymbol? type, string dottedNamespace, string metadataName) =>
        type is not null && type.MetadataName == metadataName && type.ContainingType is null && IsNamespace(type.ContainingNamespace, dottedNamespace);

    public static bool IsNamespace(INamespaceSymbol? ns, string dotted)
    {
        int end = dotted.Length;
        while (ns is not null && !ns.IsGlobalNamespace)
        {
            int start = dotted.LastIndexOf('.', end - 1) + 1;
            if (end - start != ns.Name.Length || string.CompareOrdinal(dotted, start, ns.Name, 0, ns.Name.Length) != 0)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
            end = start - 1;
            if (end < 0)
            {
                return ns is null || ns.IsGlobalNamespace;
            }
        }

        return false;
    }

    /// <summary>Which Turen attribute <paramref name="attribute"/> is: its full metadata name from <see cref="TurenContract"/>, or null.</summary>
    public static string? TurenAttribute(AttributeData attribute)
    {
        INamedTypeSymbol? type = attribute.AttributeClass;
        if (type is null)
        {
            return null;
        }

        // The name decides for almost every attribute; the namespace walk runs only for one of ours.
        string? fullName = TurenContract.AttributeFullName(type.MetadataName);
        return fullName is not null && type.ContainingType is null && IsNamespace(type.ContainingNamespace, TurenContract.AnnotationsNamespace) ? fullName : null;
    }
}
