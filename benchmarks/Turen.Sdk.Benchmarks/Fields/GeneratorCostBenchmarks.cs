using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
[MemoryDiagnoser]
public class GeneratorCostBenchmarks
{
    private const int TypeCount = 1000;
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
    }

    [Benchmark(Baseline = true, Description = "Turen generator, 1,000 types")]
    public int Turen() => Run(_turen);

    [Benchmark(Description = "System.Text.Json generator, same 1,000 types")]
    public int SystemTextJson() => Run(_systemTextJson);

    /// <summary>Prints one timed run of each generator and the size of what it emitted (the quick "small timed command").</summary>
    public static void PrintFigures()
    {
        var benchmark = new GeneratorCostBenchmarks();
        benchmark.Setup();
        (string Name, ISourceGenerator Generator)[] generators = { ("Turen", benchmark._turen), ("System.Text.Json", benchmark._systemTextJson) };
        var elapsed = new double[generators.Length];
        var files = new int[generators.Length];
        const int Runs = 5;

        // One warm-up each, then alternate so machine load drifts affect both alike.
        foreach ((string _, ISourceGenerator generator) in generators)
        {
            benchmark.Run(generator);
        }

        for (int run = 0; run < Runs; run++)
        {
            for (int i = 0; i < generators.Length; i++)
            {
                var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                files[i] = benchmark.Run(generators[i].Generator);
                elapsed[i] += stopwatch.Elapsed.TotalMilliseconds;
            }
        }

        for (int i = 0; i < generators.Length; i++)
        {
            Console.WriteLine($"{generators[i].Name,-18} {elapsed[i] / Runs,8:F0} ms per run over {TypeCount} types, {files[i]} files");
        }

        Console.WriteLine($"ratio Turen / System.Text.Json: {elapsed[0] / elapsed[1]:F2}");
    }

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
