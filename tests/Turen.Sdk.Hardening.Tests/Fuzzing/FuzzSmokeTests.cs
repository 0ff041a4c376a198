using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Turen.Sdk.Fuzzing;
using Turen.Sdk.Testing;
using Xunit.Abstractions;

namespace Turen.Sdk.Hardening.Tests.Fuzzing;

/// <summary>
/// The fuzz targets' properties checked by the test suite, without AFL++: every seed (generated and committed corpus,
/// including the ESDK vectors) and a few thousand deterministic mutations of them go through each target. Any escaping
/// exception or broken property fails with the input in hex, ready to become a regression test.
/// </summary>
public sealed class FuzzSmokeTests(ITestOutputHelper output)
{
    // TUREN_FUZZ_SMOKE_MUTATIONS raises the count for a longer local run.
    private static readonly int Mutations = int.TryParse(Environment.GetEnvironmentVariable("TUREN_FUZZ_SMOKE_MUTATIONS"), out int n) ? n : 3000;
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (IFuzzTarget target in FuzzTargets.All)
        {
            data.Add(target.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_and_mutations_keep_the_targets_properties(string name)
    {
        IFuzzTarget target = FuzzTargets.Get(name);
        List<byte[]> pool = target.CreateSeeds().Concat(CorpusFiles(name)).ToList();
        Assert.NotEmpty(pool);
        foreach (byte[] seed in pool)
        {
            RunOne(target, seed);
        }

        var mutator = new Mutator(name.Length * 7919);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) & 0x7FFF);
        for (int i = 0; i < Mutations; i++)
        {
            RunOne(target, mutator.Mutate(pool[random.Next(pool.Count)], pool));
        }

        output.WriteLine($"{name}: {pool.Count} seeds + {Mutations} mutations");
    }

    [Fact]
    public void Every_target_has_a_distinct_name_and_seeds()
    {
        Assert.Equal(FuzzTargets.All.Count, FuzzTargets.All.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(FuzzTargets.All, t => Assert.NotEmpty(t.CreateSeeds()));
        Assert.Throws<ArgumentException>(() => FuzzTargets.Get("no-such-target"));
    }

    internal static IEnumerable<byte[]> CorpusFiles(string target)
    {
        // Both session targets share the session corpus (ESDK vectors).
        string folder = Path.Combine(RepositoryPaths.Root, "fuzz", "corpus", target.StartsWith("session", StringComparison.Ordinal) ? "session" : target);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes)
            : Enumerable.Empty<byte[]>();
    }

    private static void RunOne(IFuzzTarget target, byte[] input)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            target.Run(input);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{target.Name} failed on input {Convert.ToHexString(input)}:{Environment.NewLine}{ex}");
        }

        if (clock.Elapsed > SlowInput)
        {
            throw new Xunit.Sdk.XunitException($"{target.Name} took {clock.Elapsed} on input {Convert.ToHexString(input)}.");
        }
    }
}
