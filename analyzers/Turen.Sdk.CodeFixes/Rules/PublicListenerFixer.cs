using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Turen.Sdk.Analyzers;
using Turen.Sdk.Analyzers.Rules;

namespace Turen.Sdk.CodeFixes.Rules;

/// <summary>TUR005: Any → Loopback, IPv6Any → IPv6Loopback, ListenAnyIP → ListenLocalhost, * / + / 0.0.0.0 / [::] → localhost.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PublicListenerFixer)), Shared]
public sealed class PublicListenerFixer : CodeFixProvider
{
    private static readonly string[] WildcardHosts = { "://*", "://+", "://0.0.0.0", "://[::]" };

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.PublicListener);

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
            diagnostic.Properties.TryGetValue(PublicListenerAnalyzer.FixKey, out string? fix);
            SyntaxNode? replacement = fix switch
            {
                PublicListenerAnalyzer.UseLoopbackField => RenameLastIdentifier(node, name => name switch
                {
                    "Any" => "Loopback",
                    "IPv6Any" => "IPv6Loopback",
                    _ => null,
                }),
                PublicListenerAnalyzer.UseListenLocalhost when node is InvocationExpressionSyntax invocation =>
                    RenameLastIdentifier(invocation.Expression, name => name == "ListenAnyIP" ? "ListenLocalhost" : null) is ExpressionSyntax callee
                        ? invocation.WithExpression(callee)
                        : null,
                PublicListenerAnalyzer.UseLocalhostHost => ReplaceWildcardHosts(node),
                _ => null,
            };

            if (replacement is null)
            {
                continue;
            }

            string title = fix switch
            {
                PublicListenerAnalyzer.UseLoopbackField => "Bind to loopback",
                PublicListenerAnalyzer.UseListenLocalhost => "Use ListenLocalhost",
                _ => "Use localhost",
            };
            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(node, replacement))), "TUR005_" + fix),
                diagnostic);
        }
    }

    private static SyntaxNode? RenameLastIdentifier(SyntaxNode node, System.Func<string, string?> rename)
    {
        SimpleNameSyntax? name = node switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };

        string? newName = name is null ? null : rename(name.Identifier.ValueText);
        if (name is null || newName is null)
        {
            return null;
        }

        SimpleNameSyntax renamed = name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, newName, name.Identifier.TrailingTrivia));
        return node is MemberAccessExpressionSyntax member ? member.WithName(renamed) : renamed;
    }

    private static SyntaxNode? ReplaceWildcardHosts(SyntaxNode node)
    {
        bool changed = false;
        SyntaxNode result = node.ReplaceTokens(
            node.DescendantTokens(),
            (original, _) =>
            {
                if (!original.IsKind(SyntaxKind.StringLiteralToken) && !original.IsKind(SyntaxKind.InterpolatedStringTextToken))
                {
                    return original;
                }

                string text = original.Text;
                foreach (string wildcard in WildcardHosts)
                {
                    text = text.Replace(wildcard, "://localhost");
                }

                if (text == original.Text)
                {
                    return original;
                }

                changed = true;
                return original.IsKind(SyntaxKind.StringLiteralToken)
                    ? SyntaxFactory.ParseToken(text).WithTriviaFrom(original)
                    : SyntaxFactory.Token(original.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, text, text, original.TrailingTrivia);
            });
        return changed ? result : null;
    }
}
