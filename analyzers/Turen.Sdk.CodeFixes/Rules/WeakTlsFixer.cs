using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Turen.Sdk.Analyzers;
using Turen.Sdk.Analyzers.Rules;

namespace Turen.Sdk.CodeFixes.Rules;

/// <summary>TUR004: use Tls12 | Tls13 for a weak protocol; remove a callback override that accepts every certificate.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakTlsFixer)), Shared]
public sealed class WeakTlsFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WeakTls);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            diagnostic.Properties.TryGetValue(WeakTlsAnalyzer.FixKey, out string? fix);
            if (fix == WeakTlsAnalyzer.UseStrongProtocols && node is ExpressionSyntax expression &&
                diagnostic.Properties.TryGetValue(WeakTlsAnalyzer.EnumTypeKey, out string? enumType) && enumType is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use Tls12 | Tls13", ct => UseStrongAsync(context.Document, expression, enumType, ct), "TUR004_UseTls12And13"),
                    diagnostic);
            }
            else if (fix == WeakTlsAnalyzer.RemoveOverride && RemovableAssignment(node) is { } removable)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Remove the override (system validation)", ct => RemoveAsync(context.Document, removable, ct), "TUR004_RemoveOverride"),
                    diagnostic);
            }
        }
    }

    // Only an assignment statement or an object-initializer entry can be removed without changing the program's shape.
    private static SyntaxNode? RemovableAssignment(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current is AssignmentExpressionSyntax assignment)
            {
                return assignment.Parent switch
                {
                    ExpressionStatementSyntax statement => statement,
                    InitializerExpressionSyntax => assignment,
                    _ => null,
                };
            }

            if (current is StatementSyntax or MemberDeclarationSyntax)
            {
                return null;
            }
        }

        return null;
    }

    private static async Task<Document> UseStrongAsync(Document document, ExpressionSyntax expression, string enumType, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        INamedTypeSymbol? type = editor.SemanticModel.Compilation.GetTypeByMetadataName(enumType);
        if (type is null)
        {
            return document;
        }

        SyntaxGenerator generator = editor.Generator;
        SyntaxNode replacement = generator.BitwiseOrExpression(
                generator.MemberAccessExpression(generator.TypeExpression(type), "Tls12"),
                generator.MemberAccessExpression(generator.TypeExpression(type), "Tls13"))
            .WithTriviaFrom(expression)
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        editor.ReplaceNode(expression, replacement);
        return await Simplifier.ReduceAsync(editor.GetChangedDocument(), Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> RemoveAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        // A statement goes with its line; an initializer entry keeps the space before the closing brace.
        editor.RemoveNode(
            node,
            node is StatementSyntax
                ? SyntaxRemoveOptions.KeepUnbalancedDirectives
                : SyntaxRemoveOptions.KeepUnbalancedDirectives | SyntaxRemoveOptions.KeepTrailingTrivia);
        return editor.GetChangedDocument();
    }
}
