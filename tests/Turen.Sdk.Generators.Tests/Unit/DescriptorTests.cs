using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Diagnostics;
using Turen.Sdk.Generators.Tests.Infrastructure;
using Turen.Sdk.Shared;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Generators.Tests.Unit;

/// <summary>Every diagnostic id has a constant, a descriptor with a help link, a release-tracking entry and a doc page whose examples behave as documented.</summary>
public sealed class DescriptorTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (FieldInfo field in typeof(FieldDiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.Name != nameof(FieldDiagnosticIds.HelpLinkFormat)))
        {
            data.Add((string)field.GetRawConstantValue()!);
        }

        return data;
    }

    [Fact]
    public void Ids_are_unique_and_every_descriptor_has_an_id_constant()
    {
        string[] ids = ((System.Collections.Generic.IEnumerable<object[]>)Ids()).Select(row => (string)row[0]).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_release_entry_and_doc_page_exist(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(id);
        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        Assert.EndsWith($"/docs/diagnostics/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);

        string releases = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "generators", "Turen.Sdk.Generators", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(RepositoryPaths.Root, "generators", "Turen.Sdk.Generators", "AnalyzerReleases.Shipped.md"));
        Assert.Matches(new Regex($"^{id} \\| Turen.Fields \\| Error \\|", RegexOptions.Multiline), releases);

        string page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", id + ".md"));
        Assert.StartsWith($"# {id}: {descriptor.Title}", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Doc_page_invalid_example_reports_the_id_and_fixed_example_compiles_cleanly(string id)
    {
        string page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", id + ".md"));
        string[] blocks = Regex.Matches(page, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(2, blocks.Length);
        const string Prelude = "using System; using System.Collections.Generic; using System.Text.Json.Serialization;\n";

        (GeneratorDriverRunResult invalid, _) = GeneratorHarness.Run(Prelude + blocks[0]);
        Assert.Contains(invalid.Diagnostics, d => d.Id == id);

        (GeneratorDriverRunResult valid, var compilation) = GeneratorHarness.Run(Prelude + blocks[1]);
        Assert.Empty(valid.Diagnostics);
        Assert.Empty(compilation.Errors());
    }
}
