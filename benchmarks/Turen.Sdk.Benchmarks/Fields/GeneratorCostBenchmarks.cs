using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Turen.Sdk.Annotations;
using Turen.Sdk.Generators;

namespace Turen.Sdk.Benchmarks.Fields;

/// <summary>
/// Generator cost: one full (non-incremental) run over 1,000 annotated types, ours beside System.Text.Json's source
/// generator ([JsonSerializable] for the same 1,000 types), on the same compilation in the same process.
/// </summary>
/// <remarks>
/// Both are measured in steady state: the compilation has bound its symbols and the JIT has tiered up during warm-up, so
/// what remains is each generator's own work (discovery, parsing into models, writing text). The config gives enough
/// iterations for a stable median on a shared machine; <see cref="PrintFigures"/> is the quick same-run check.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(SteadyStateConfig.OneRunPerIteration))]
public class GeneratorCostBenchmarks
{
    private const int TypeCount = 1000;
    private const int SetupWarmupRuns = 25;
    private CSharpCompilation _compilation = null!;
    private ISourceGenerator _turen = null!;
    private ISourceGenerator _systemTextJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        var source = new StringBuilder("using System; using System.Text.Json.Serialization; using Turen.Sdk.Annotations;\nnamespace Bench;\n");
        for (int i = 0; i < TypeCount; i++)
        {
            source.Append($$"""
                public sealed partial record Agent{{i}}
                {
                    [EncryptionContext] public required Guid OrgId { get; init; }
                    [EncryptionContext] public required string AgentId { get; init; }
                    public required string Hostname { get; init; }
                    [Hashed] public string? Secret { get; init; }
                    [Encrypted] public string? Token { get; init; }
                    public int Port { get; init; }
                    public DateTimeOffset RegisteredAt { get; init; }
                }

                """);
        }

        source.Append(string.Concat(Enumerable.Range(0, TypeCount).Select(i => $"[JsonSerializable(typeof(Agent{i}))]\n")));
        source.Append("internal sealed partial class BenchContext : JsonSerializerContext { }\n");

        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        IEnumerable<MetadataReference> references = Directory.GetFiles(runtimeDirectory, "System*.dll")
            .Append(Path.Combine(runtimeDirectory, "netstandard.dll"))
            .Append(typeof(EncryptedAttribute).Assembly.Location)
            .Where(File.Exists)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        _compilation = CSharpCompilation.Create(
            "GeneratorCost",
            new[] { CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.CSharp12)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        _turen = new FieldSerializerGenerator().AsSourceGenerator();
        _systemTextJson = LoadSystemTextJsonGenerator();

        // Both generators share most of Roslyn's code (discovery, semantic model, driver), which takes a dozen or more runs
        // to tier up (more on a loaded machine, where the JIT's background compilation waits for a core). Warming both here keeps whichever benchmark runs first in a process from paying for it alone.
        for (int i = 0; i < SetupWarmupRuns; i++)
        {
            Run(_turen);
            Run(_systemTextJson);
        }
    }

    [Benchmark(Baseline = true, Description = "Turen generator, 1,000 types")]
    public int Turen() => Run(_turen);

    [Benchmark(Description = "System.Text.Json generator, same 1,000 types")]
    public int SystemTextJson() => Run(_systemTextJson);

    /// <summary>
    /// The quick same-run check: after a warm-up, alternates the two generators (ABBA, so drift in machine load falls on
    /// both alike), each run starting from a collected heap, and prints the median and minimum time and the allocations.
    /// </summary>
    public static void PrintFigures()
    {
        var benchmark = new GeneratorCostBenchmarks();
        benchmark.Setup();
        (string Name, ISourceGenerator Generator)[] generators = { ("Turen", benchmark._turen), ("System.Text.Json", benchmark._systemTextJson) };
        const int WarmupRounds = 8;
        const int Rounds = 16;
        var elapsed = new List<double>[] { new(), new() };
        var allocated = new List<long>[] { new(), new() };
        var files = new int[generators.Length];

        // Setup has warmed both; a few more rounds settle the heap before anything is recorded.
        for (int round = 0; round < WarmupRounds; round++)
        {
            foreach ((string _, ISourceGenerator generator) in generators)
            {
                benchmark.Run(generator);
            }
        }

        for (int round = 0; round < Rounds; round++)
        {
            for (int k = 0; k < generators.Length; k++)
            {
                int i = round % 2 == 0 ? k : generators.Length - 1 - k;
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                long before = GC.GetTotalAllocatedBytes(precise: true);
                long start = Stopwatch.GetTimestamp();
                files[i] = benchmark.Run(generators[i].Generator);
                elapsed[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                allocated[i].Add(GC.GetTotalAllocatedBytes(precise: true) - before);
            }
        }

        for (int i = 0; i < generators.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{generators[i].Name,-18} median {Median(elapsed[i]),6:F0} ms, min {elapsed[i].Min(),6:F0} ms, {Median(allocated[i]) / 1e6,6:F1} MB allocated per run over {TypeCount} types, {files[i]} files"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio Turen / System.Text.Json ({Rounds} alternating runs each after {SetupWarmupRuns + WarmupRounds} warm-up rounds): median {Median(elapsed[0]) / Median(elapsed[1]):F2}, min {elapsed[0].Min() / elapsed[1].Min():F2}, allocated {Median(allocated[0]) / Median(allocated[1]):F2}"));
    }

    private static double Median(List<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Median(List<long> values) => Median(values.Select(v => (double)v).ToList());

    private int Run(ISourceGenerator generator)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { generator }, parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12))
            .RunGenerators(_compilation);
        GeneratorDriverRunResult result = driver.GetRunResult();
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        }

        return result.GeneratedTrees.Length;
    }

    private static ISourceGenerator LoadSystemTextJsonGenerator()
    {
        string sdkRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        string path = Directory.GetFiles(Path.Combine(sdkRoot, "packs", "Microsoft.NETCore.App.Ref"), "System.Text.Json.SourceGeneration.dll", SearchOption.AllDirectories)
            .OrderByDescending(p => p, StringComparer.Ordinal)
            .First();
        Assembly assembly = Assembly.LoadFrom(path);
        Type type = assembly.GetTypes().Single(t => t.Name == "JsonSourceGenerator" && typeof(IIncrementalGenerator).IsAssignableFrom(t));
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }
}
