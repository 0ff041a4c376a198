using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Turen.Sdk.Credentials;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Benchmarks.Credentials;

/// <summary>Opening the machine-bound state file (read, HKDF, AES-GCM, JSON) against a plain file read of the same bytes.</summary>
[MemoryDiagnoser]
public class AgentStateBenchmarks
{
    private string _home = null!;
    private AgentStateStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        _home = Path.Combine(Path.GetTempPath(), "turen-bench-" + Guid.NewGuid().ToString("N"));
        _store = new AgentStateStore(_home, new FakeMachineIdentifierSource("linux:benchmark"));
        using AgentState state = _store.Initialize();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_home, recursive: true);

    [Benchmark(Baseline = true, Description = "File.ReadAllBytes of the state file (baseline)")]
    public int Read() => File.ReadAllBytes(_store.StatePath).Length;

    [Benchmark(Description = "AgentStateStore.Load")]
    public long Load()
    {
        using AgentState state = _store.Load();
        return state.Generation;
    }
}
