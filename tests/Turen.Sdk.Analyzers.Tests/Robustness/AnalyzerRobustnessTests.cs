using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Turen.Sdk.Analyzers.Config;
using Turen.Sdk.Analyzers.Rules;
using Turen.Sdk.Analyzers.Tests.Infrastructure;

namespace Turen.Sdk.Analyzers.Tests.Robustness;

/// <summary>
/// An analyzer exception (AD0001) breaks every user's build, so the analyzers run over incomplete code: prefixes of the
/// corpus and random deletions (seeded, bounded so that CI stays fast), and the config reader over every prefix.
/// </summary>
public class AnalyzerRobustnessTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
        new SecretMemberAnalyzer(), new SecretLiteralAnalyzer(), new CleartextHttpAnalyzer(), new WeakTlsAnalyzer(), new PublicListenerAnalyzer());

    private static readonly Lazy<CSharpCompilation> BaseCompilation = new(() =>
    {
        SyntaxTree[] trees = { CSharpSyntaxTree.ParseText(string.Empty, path: "/src/Program.cs"), CSharpSyntaxTree.ParseText(Corpus.Attributes, path: "/src/Attributes.cs") };
        CSharpCompilation compilation = CSharpCompilation.Create("Robustness", trees, TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _ = compilation.GetDiagnostics();
        return compilation;
    });

    [Fact]
    public async Task The_complete_corpus_produces_every_rule()
    {
        ImmutableArray<Diagnostic> diagnostics = await RunAsync(Corpus.Program, Corpus.AppSettings, Corpus.LaunchSettings);
        foreach (string id in new[] { "TUR001", "TUR002", "TUR003", "TUR004", "TUR005" })
        {
            Assert.Contains(diagnostics, d => d.Id == id);
        }

        // Findings in config files carry the file and a real line.
        Assert.Contains(diagnostics, d => d.Location.GetLineSpan().Path.EndsWith("appsettings.json", StringComparison.Ordinal) && d.Location.GetLineSpan().StartLinePosition.Line > 0);
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("hunter2", StringComparison.Ordinal) || d.GetMessage().Contains("AKIA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prefixes_of_the_source_never_throw()
    {
        string text = Corpus.Program;
        // Every 29th prefix, plus every prefix around the interesting constructs, keeps the run to a few seconds.
        var cuts = new SortedSet<int>(Enumerable.Range(0, text.Length / 29).Select(i => i * 29)) { text.Length };
        foreach (string marker in new[] { "http://", "=>", "new IPEndPoint", "SslProtocols.", "\"--urls\"", "$\"" })
        {
            for (int at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
                for (int d = 0; d < marker.Length + 2 && at + d <= text.Length; d++)
                {
                    cuts.Add(at + d);
                }
            }
        }

        await ForEachAsync(cuts, cut => RunAsync(text.Substring(0, cut), Corpus.AppSettings.Substring(0, Math.Min(cut, Corpus.AppSettings.Length)), null));
    }

    [Fact]
    public async Task Random_deletions_never_throw()
    {
        var random = new Random(20261129);
        string text = Corpus.Program;
        var variants = new List<(string Source, string Json)>();
        for (int i = 0; i < 80; i++)
        {
            int start = random.Next(text.Length);
            int length = 1 + random.Next(Math.Min(40, text.Length - start));
            string json = Corpus.LaunchSettings;
            int jsonStart = random.Next(json.Length);
            variants.Add((text.Remove(start, length), json.Remove(jsonStart, 1 + random.Next(Math.Min(20, json.Length - jsonStart)))));
        }

        await ForEachAsync(variants, v => RunAsync(v.Source, null, v.Json));
    }

    [Fact]
    public void The_config_reader_reads_every_prefix_and_garbage_without_throwing()
    {
        foreach (string json in new[] { Corpus.AppSettings, Corpus.LaunchSettings, new string('[', 10000), new string('{', 5000), "\"\\u12", "{\"a\":\"\\", "{'a': 'b',}", "\uFEFF{\"a\":1}" })
        {
            for (int cut = 0; cut <= json.Length; cut++)
            {
                ImmutableArray<JsonEntry> entries = TolerantJsonReader.Read(json.Substring(0, cut));
                Assert.All(entries, e => Assert.True(e.Span.End <= cut));
            }
        }

        ImmutableArray<JsonEntry> full = TolerantJsonReader.Read(Corpus.AppSettings);
        Assert.Contains(full, e => e.Key == "Password" && e.Value == "hunter2-but-longer");
        Assert.Contains(full, e => e.Key == "Escaped" && e.Value == "a\"b\\cA" && e.HasEscapes);
        Assert.Contains(full, e => e.Path.SequenceEqual(new[] { "Kestrel", "EndpointDefaults", "SslProtocols", "0" }) && e.Value == "Tls11");
    }

    private static async Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task<ImmutableArray<Diagnostic>>> run)
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (item, _) =>
        {
            try
            {
                ImmutableArray<Diagnostic> diagnostics = await run(item);
                foreach (Diagnostic d in diagnostics.Where(d => d.Id == "AD0001"))
                {
                    failures.Add(d.GetMessage());
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(e.ToString());
            }
        });

        Assert.Empty(failures);
    }

    private static async Task<ImmutableArray<Diagnostic>> RunAsync(string source, string? appSettings, string? launchSettings)
    {
        // Replacing a tree in one base compilation reuses its bound references; a fresh compilation would rebind ~250 assemblies.
        CSharpCompilation compilation = BaseCompilation.Value.ReplaceSyntaxTree(
            BaseCompilation.Value.SyntaxTrees[0], CSharpSyntaxTree.ParseText(source, path: "/src/Program.cs"));
        var files = new List<AdditionalText>();
        if (appSettings is not null)
        {
            files.Add(new InMemoryText("/src/appsettings.json", appSettings));
        }

        if (launchSettings is not null)
        {
            files.Add(new InMemoryText("/src/Properties/launchSettings.json", launchSettings));
        }

        var exceptions = new ConcurrentBag<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(files.ToImmutableArray()),
            (exception, analyzer, diagnostic) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        if (!exceptions.IsEmpty)
        {
            throw new AggregateException(exceptions);
        }

        return diagnostics;
    }

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText text;

        public InMemoryText(string path, string content)
        {
            Path = path;
            text = SourceText.From(content);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}
