using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Turen.Sdk.Analyzers;

namespace Turen.Sdk.CodeFixes.Rules;

/// <summary>TUR003: http → https, ws → wss, in the literal that starts the URL.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CleartextHttpFixer)), Shared]
public sealed class CleartextHttpFixer : CodeFixProvider
{
    private const string EquivalenceKey = "TUR003_UseHttps";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CleartextHttp);

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
            SyntaxToken token = FirstUrlToken(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), diagnostic.Location.SourceSpan, out int schemeEnd);
            if (token == default)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use https",
                    ct => Task.FromResult(context.Document.WithText(Replace(root, token, schemeEnd))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    // The first string token in the span whose text (after its opening quote) starts with http:// or ws://.
    private static SyntaxToken FirstUrlToken(SyntaxNode node, TextSpan span, out int schemeEnd)
    {
        schemeEnd = -1;
        foreach (SyntaxToken token in node.DescendantTokens())
        {
            if (!span.Contains(token.Span) ||
                !(token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken)))
            {
                continue;
            }

            string text = token.Text;
            int start = 0;
            while (start < text.Length && (text[start] == '@' || text[start] == '"' || text[start] == '$'))
            {
                start++;
            }

            foreach (string scheme in new[] { "http://", "ws://" })
            {
                if (string.Compare(text, start, scheme, 0, scheme.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    schemeEnd = token.SpanStart + start + scheme.Length - 3;
                    return token;
                }
            }

            return default;
        }

        return default;
    }

    private static SourceText Replace(SyntaxNode root, SyntaxToken token, int schemeEnd)
    {
        SourceText text = root.GetText();
        return text.WithChanges(new TextChange(new TextSpan(schemeEnd, 0), "s"));
    }
}
