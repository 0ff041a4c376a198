using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using Turen.Sdk.Analyzers;

namespace Turen.Sdk.CodeFixes.Rules;

/// <summary>TUR001: add [Encrypted] (the value is read back) or [Hashed] (the value is only verified).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SecretMemberFixer)), Shared]
public sealed class SecretMemberFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SecretMember);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        Compilation? compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || compilation is null)
        {
            return;
        }

        SyntaxNode? declaration = FindDeclaration(root.FindNode(context.Span));
        if (declaration is null)
        {
            return;
        }

        foreach (string name in new[] { "Encrypted", "Hashed" })
        {
            INamedTypeSymbol? attribute = FindTurenType(compilation.GlobalNamespace, name + "Attribute");
            if (attribute is null)
            {
                continue;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add [{name}]",
                        ct => AddAttributeAsync(context.Document, declaration, attribute, ct),
                        equivalenceKey: "TUR001_Add" + name),
                    diagnostic);
            }
        }
    }

    private static SyntaxNode? FindDeclaration(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case PropertyDeclarationSyntax:
                case FieldDeclarationSyntax:
                    return current;
                case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field }:
                    return field;
                case TypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The attribute lives somewhere under the Turen namespace of the referenced SDK; find it rather than guess.</summary>
    internal static INamedTypeSymbol? FindTurenType(INamespaceSymbol global, string typeName)
    {
        foreach (INamespaceSymbol root in global.GetNamespaceMembers())
        {
            if (root.Name == "Turen")
            {
                return Search(root, typeName, 0);
            }
        }

        return null;
    }

    private static INamedTypeSymbol? Search(INamespaceSymbol ns, string typeName, int depth)
    {
        foreach (INamedTypeSymbol type in ns.GetTypeMembers(typeName))
        {
            return type;
        }

        if (depth > 4)
        {
            return null;
        }

        foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
        {
            if (Search(child, typeName, depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static async Task<Document> AddAttributeAsync(Document document, SyntaxNode declaration, INamedTypeSymbol attribute, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        SyntaxGenerator generator = editor.Generator;
        SyntaxNode attributeSyntax = generator.Attribute(generator.TypeExpression(attribute))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        editor.AddAttribute(declaration, attributeSyntax);
        Document changed = editor.GetChangedDocument();
        changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
