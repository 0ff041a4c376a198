using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Turen.Sdk.CodeFixes.Rules;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Analyzers.Tests;

/// <summary>Every diagnostic ID has a constant, a descriptor with a help link to its doc page, a release entry and a page with bad and fixed code.</summary>
public class DescriptorCatalogTests
{
    private static readonly string AnalyzerDirectory = Path.Combine(RepositoryPaths.Root, "analyzers", "Turen.Sdk.Analyzers");

    public static IEnumerable<object[]> AllDescriptors() => Descriptors().Select(d => new object[] { d.Id });

    private static List<DiagnosticDescriptor> Descriptors() =>
        typeof(Turen.Sdk.Analyzers.Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    private static DiagnosticDescriptor Find(string id) => Descriptors().Single(d => d.Id == id);

    [Fact]
    public void Ids_constants_and_descriptors_are_one_to_one()
    {
        string[] constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!).OrderBy(x => x, StringComparer.Ordinal).ToArray();
        string[] descriptors = Descriptors().Select(d => d.Id).OrderBy(x => x, StringComparer.Ordinal).ToArray();
        Assert.Equal(constants, descriptors);
        Assert.Equal(descriptors.Length, descriptors.Distinct().Count());
    }

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_analyzer()
    {
        List<DiagnosticAnalyzer> analyzers = typeof(Turen.Sdk.Analyzers.Descriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();
        foreach (DiagnosticDescriptor descriptor in Descriptors())
        {
            Assert.Single(analyzers, a => a.SupportedDiagnostics.Any(d => d.Id == descriptor.Id));
        }

        Assert.All(analyzers, a => Assert.True(a.GetType().Namespace!.EndsWith(".Rules", StringComparison.Ordinal) && a.GetType().Name.EndsWith("Analyzer", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(AllDescriptors))]
    public void Help_link_maps_to_the_doc_page(string id)
    {
        DiagnosticDescriptor descriptor = Find(id);
        Assert.Equal(HelpLinks.DocsBaseUri + id + ".md", descriptor.HelpLinkUri);
        string relative = descriptor.HelpLinkUri.Substring(HelpLinks.DocsBaseUri.Length);
        string page = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", relative);
        Assert.True(File.Exists(page), $"{page} is missing");
        string text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
        Assert.Contains("## Bad", text, StringComparison.Ordinal);
        Assert.Contains("## Fixed", text, StringComparison.Ordinal);
        Assert.True(Regex.Matches(text, "```csharp").Count >= 2, "bad and fixed code blocks");
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllDescriptors))]
    public void Release_tracking_lists_the_descriptor(string id)
    {
        DiagnosticDescriptor descriptor = Find(id);
        string releases = File.ReadAllText(Path.Combine(AnalyzerDirectory, "AnalyzerReleases.Shipped.md")) +
                          File.ReadAllText(Path.Combine(AnalyzerDirectory, "AnalyzerReleases.Unshipped.md"));
        Match row = Regex.Match(releases, $@"^{id}\s*\|\s*(?<category>[^|]+?)\s*\|\s*(?<severity>[^|]+?)\s*\|", RegexOptions.Multiline);
        Assert.True(row.Success, $"{id} missing from AnalyzerReleases");
        Assert.Equal(descriptor.Category, row.Groups["category"].Value);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row.Groups["severity"].Value);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
    }

    [Fact]
    public void Doc_pages_and_release_entries_have_descriptors()
    {
        var ids = new HashSet<string>(Descriptors().Select(d => d.Id));
        // TUR1xx pages belong to the generator; TUR0xx pages must all be ours.
        foreach (string page in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics"), "TUR0*.md"))
        {
            Assert.Contains(Path.GetFileNameWithoutExtension(page), ids);
        }

        string releases = File.ReadAllText(Path.Combine(AnalyzerDirectory, "AnalyzerReleases.Unshipped.md"));
        foreach (Match m in Regex.Matches(releases, @"^(TUR\d{3})\s*\|", RegexOptions.Multiline))
        {
            Assert.Contains(m.Groups[1].Value, ids);
        }
    }

    [Fact]
    public void Fixers_fix_known_ids_and_support_fix_all()
    {
        var ids = new HashSet<string>(Descriptors().Select(d => d.Id));
        List<CodeFixProvider> fixers = typeof(SecretMemberFixer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
        Assert.Equal(4, fixers.Count);
        foreach (CodeFixProvider fixer in fixers)
        {
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, ids));
            Assert.NotNull(fixer.GetFixAllProvider());
            Assert.Contains("Code fix | ", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", fixer.FixableDiagnosticIds[0] + ".md")), StringComparison.Ordinal);
        }
    }
}
