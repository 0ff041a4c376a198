using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Turen.Sdk.Generators.Model;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>
/// All attribute discovery: one <c>ForAttributeWithMetadataName</c> per (sealed) attribute, each annotated member yielding
/// the parse of the type that declares it, merged so every type is emitted once.
/// </summary>
internal static class SyntaxProvider
{
    public static IncrementalValuesProvider<ParseResult> AnnotatedTypes(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult?> encrypted = ForMembers(context, TurenContract.EncryptedAttribute).WithTrackingName(StepNames.EncryptedMembers);
        IncrementalValuesProvider<ParseResult?> hashed = ForMembers(context, TurenContract.HashedAttribute).WithTrackingName(StepNames.HashedMembers);
        IncrementalValuesProvider<ParseResult?> contextMembers = ForMembers(context, TurenContract.EncryptionContextAttribute).WithTrackingName(StepNames.ContextMembers);

        return encrypted.Collect()
            .Combine(hashed.Collect())
            .Combine(contextMembers.Collect())
            .SelectMany(static (all, _) => Distinct(all.Left.Left, all.Left.Right, all.Right))
            .WithTrackingName(StepNames.AnnotatedTypes);
    }

    private static IncrementalValuesProvider<ParseResult?> ForMembers(IncrementalGeneratorInitializationContext context, string attributeName) =>
        context.SyntaxProvider.ForAttributeWithMetadataName(
            attributeName,
            static (node, _) => node is PropertyDeclarationSyntax,
            static (attributeContext, cancellationToken) => attributeContext.TargetSymbol is IPropertySymbol property
                ? TypeParser.ParseDeclaringType(property, cancellationToken)
                : null);

    // Every annotated member yields its declaring type's parse (computed once per type); merging the three passes keeps
    // one per type.
    private static List<ParseResult> Distinct(params ImmutableArray<ParseResult?>[] groups)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        var results = new List<ParseResult>();
        foreach (ImmutableArray<ParseResult?> group in groups)
        {
            foreach (ParseResult? result in group)
            {
                if (result is not null && seen.Add(result.TypeKey))
                {
                    results.Add(result);
                }
            }
        }

        // Ordinal order keeps output independent of the order files were added in.
        results.Sort(static (a, b) => string.CompareOrdinal(a.TypeKey, b.TypeKey));
        return results;
    }
}
