using System.Linq;
using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Tests.Infrastructure;

namespace Turen.Sdk.Generators.Tests.Unit;

/// <summary>Each TUR1xx diagnostic: reported at the right place for the bad code, and gone once the code is fixed.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = "using System; using System.Collections.Generic; using Turen.Sdk.Annotations;\n";

    [Theory]
    [InlineData("TUR100", "public sealed record R { [Encrypted] public string? S { get; init; } }", "R",
        "public sealed partial record R { [Encrypted] public string? S { get; init; } }")]
    [InlineData("TUR101", "public sealed partial record R { [Encrypted] public int S { get; init; } }", "S",
        "public sealed partial record R { [Encrypted] public string? S { get; init; } }")]
    [InlineData("TUR101", "public sealed partial record R { [Encrypted] public string? S { get; init; } public object? O { get; init; } }", "O",
        "public sealed partial record R { [Encrypted] public string? S { get; init; } public string? O { get; init; } }")]
    [InlineData("TUR101", "public sealed partial record R { [Encrypted] public string? S { get; init; } public List<List<int>>? L { get; init; } }", "L",
        "public sealed partial record R { [Encrypted] public string? S { get; init; } public List<int>? L { get; init; } }")]
    [InlineData("TUR101", "public sealed partial record R { [Encrypted] private string? S { get; init; } }", "S",
        "public sealed partial record R { [Encrypted] public string? S { get; init; } }")]
    [InlineData("TUR101", "public sealed partial record R { [Encrypted, System.Text.Json.Serialization.JsonIgnore] public string? S { get; init; } }", "S",
        "public sealed partial record R { [Encrypted] public string? S { get; init; } }")]
    [InlineData("TUR101", "public sealed partial record R { [Hashed] public int S { get; init; } }", "S",
        "public sealed partial record R { [Hashed] public string? S { get; init; } }")]
    [InlineData("TUR102", "public sealed partial record R { [Encrypted, Hashed] public string? S { get; init; } }", "S",
        "public sealed partial record R { [Encrypted] public string? S { get; init; } }")]
    [InlineData("TUR103", "public sealed partial record R { [Hashed] public byte[]? Key { get; init; } }", "Key",
        "public sealed partial record R { [Encrypted] public byte[]? Key { get; init; } }")]
    [InlineData("TUR103", "public sealed partial record R { [Hashed] public string? SigningKey { get; init; } }", "SigningKey",
        "public sealed partial record R { [Encrypted] public string? SigningKey { get; init; } }")]
    [InlineData("TUR104", "public sealed partial record R { [EncryptionContext, Encrypted] public string? S { get; init; } }", "S",
        "public sealed partial record R { [EncryptionContext] public string S { get; init; } = \"\"; [Encrypted] public string? T { get; init; } }")]
    [InlineData("TUR104", "public sealed partial record R { [EncryptionContext] public string? S { get; init; } }", "S",
        "public sealed partial record R { [EncryptionContext] public string S { get; init; } = \"\"; }")]
    [InlineData("TUR104", "public sealed partial record R { [EncryptionContext] public double D { get; init; } }", "D",
        "public sealed partial record R { [EncryptionContext] public long D { get; init; } }")]
    [InlineData("TUR105", "public static class Outer { public sealed partial record R { [Encrypted] public string? S { get; init; } } }", "R",
        "public static partial class Outer { public sealed partial record R { [Encrypted] public string? S { get; init; } } }")]
    [InlineData("TUR106", "public sealed partial class R { [Encrypted] public string? S { get; } }", "S",
        "public sealed partial class R { [Encrypted] public string? S { get; init; } }")]
    [InlineData("TUR106", "public sealed partial class R { [Encrypted] public string? S { get; set; } public int N { get; } }", "N",
        "public sealed partial class R { [Encrypted] public string? S { get; set; } public int N => 1; }")]
    [InlineData("TUR107", "public sealed partial record R(string Name) { [Encrypted] public string? S { get; init; } }", "R",
        "public sealed partial record R { public string Name { get; init; } = \"\"; [Encrypted] public string? S { get; init; } }")]
    [InlineData("TUR108", "public sealed partial record R<T> { [Encrypted] public string? S { get; init; } }", "R",
        "public sealed partial record R { [Encrypted] public string? S { get; init; } }")]
    public void Diagnostic_is_reported_for_the_invalid_code_and_not_for_the_fixed_code(string id, string invalid, string location, string fixedCode)
    {
        (GeneratorDriverRunResult bad, _) = GeneratorHarness.Run(Usings + invalid);
        Diagnostic diagnostic = Assert.Single(bad.Diagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(location, (Usings + invalid).Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(bad.GeneratedTrees.Where(t => t.FilePath.Contains(".R.", System.StringComparison.Ordinal) && id != "TUR106"));
        Assert.EndsWith($"docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri, System.StringComparison.Ordinal);

        (GeneratorDriverRunResult good, var compilation) = GeneratorHarness.Run(Usings + fixedCode);
        Assert.Empty(good.Diagnostics);
        Assert.Empty(compilation.Errors());
        Assert.Single(good.GeneratedTrees);
    }

    [Fact]
    public void Valid_models_produce_no_diagnostics_and_compile_cleanly()
    {
        (GeneratorDriverRunResult result, var diagnostics) = GeneratorHarness.Run(Sources.AgentRecord, Sources.Collections);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(3, result.GeneratedTrees.Length);
    }

    [Fact]
    public void Generated_code_has_no_warnings_even_with_documentation_diagnostics_on()
    {
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Docs",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Sources.AgentRecord + "\npublic partial record Open { [Turen.Sdk.Annotations.Encrypted] public string? S { get; init; } }", options) },
            GeneratorHarness.CreateCompilation().References,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(new[] { new FieldSerializerGenerator().AsSourceGenerator() }, parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);

        SyntaxTree[] generated = driver.GetRunResult().GeneratedTrees.ToArray();
        Assert.Equal(2, generated.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Location.SourceTree is { } tree && generated.Contains(tree)));
    }

    [Fact]
    public void Types_without_annotations_get_nothing()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(Sources.Unrelated);

        Assert.Empty(result.GeneratedTrees);
        Assert.Empty(result.Diagnostics);
    }
}
