using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Turen.Sdk.Analyzers.Tests.Infrastructure;

/// <summary>Analyzer test with offline references, C# 12 and the .editorconfig the test gives.</summary>
internal sealed class TurenAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public TurenAnalyzerTest()
    {
        Offline.Configure(this);
    }

    protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.CSharp12);
}

/// <summary>Code fix test with offline references and C# 12.</summary>
internal sealed class TurenCodeFixTest<TAnalyzer, TFixer> : CSharpCodeFixTest<TAnalyzer, TFixer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFixer : CodeFixProvider, new()
{
    public TurenCodeFixTest()
    {
        Offline.Configure(this);
    }

    protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.CSharp12);
}

internal static class Offline
{
    // An empty reference set: the assemblies come from TestReferences, never from a download.
    private static readonly ReferenceAssemblies None = new("net10.0");

    public static void Configure(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = None;
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            Project project = solution.GetProject(projectId)!;
            var options = (CSharpCompilationOptions)project.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable));
        });
    }
}

/// <summary>Shorthands: <c>await Verify&lt;A&gt;.Analyzer(source)</c>, with {|TUR00n:...|} markup for expected findings.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task Analyzer(params string[] sources) => Analyzer(sources, editorConfig: null);

    public static Task Analyzer(string[] sources, string? editorConfig, params (string Path, string Text)[] additionalFiles)
    {
        var test = new TurenAnalyzerTest<TAnalyzer>();
        for (int i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
        }

        foreach ((string path, string text) in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add((path, text));
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        }

        return test.RunAsync(CancellationToken.None);
    }

    public static Task ConfigFile(string path, string text, params DiagnosticResult[] expected)
    {
        var test = new TurenAnalyzerTest<TAnalyzer>();
        test.TestState.Sources.Add(("/0/Program.cs", "class Program { }"));
        test.TestState.AdditionalFiles.Add((path, text));
        test.TestState.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Error);
}

/// <summary>Shorthand for a code fix test (FixAll included: the framework also runs Fix All in document and project).</summary>
internal static class VerifyFix<TAnalyzer, TFixer>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFixer : CodeFixProvider, new()
{
    public static Task Fix(string source, string fixedSource, int codeActionIndex = 0, string? equivalenceKey = null, IEnumerable<string>? extraSources = null)
    {
        var test = new TurenCodeFixTest<TAnalyzer, TFixer>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionIndex = codeActionIndex,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        foreach (string extra in extraSources ?? System.Array.Empty<string>())
        {
            test.TestState.Sources.Add(extra);
            test.FixedState.Sources.Add(extra);
        }

        return test.RunAsync(CancellationToken.None);
    }
}

/// <summary>Expected findings in config files, located by the text they point at (1-based line and column, as editors show).</summary>
internal static class ConfigSpan
{
    public static DiagnosticResult At(string id, string path, string text, string needle, int occurrence = 1) =>
        AtPart(id, path, text, needle, 0, needle.Length, occurrence);

    /// <summary>The part [partStart, partStart + partLength) of the occurrence of <paramref name="needle"/>.</summary>
    public static DiagnosticResult AtPart(string id, string path, string text, string needle, int partStart, int partLength, int occurrence = 1)
    {
        int index = -1;
        for (int i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(needle, index + 1, System.StringComparison.Ordinal);
        }

        if (index < 0)
        {
            throw new System.ArgumentException($"'{needle}' not in the test text");
        }

        (int line, int column) = Position(text, index + partStart);
        (int endLine, int endColumn) = Position(text, index + partStart + partLength);
        return new DiagnosticResult(id, DiagnosticSeverity.Error).WithSpan(path, line, column, endLine, endColumn);
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }
}
