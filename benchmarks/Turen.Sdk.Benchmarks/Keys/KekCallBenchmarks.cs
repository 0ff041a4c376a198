using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Benchmarks.Keys;

/// <summary>
/// 10,000 opens' worth of DEK resolves for one org through a fresh key manager, with the cache on and off. The number
/// of KEK calls per run is printed (one with the cache on, 10,000 with it off); the time shows what the cache saves
/// even with the in-process local KEK (with KMS each call is also a network round trip).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
public class KekCallBenchmarks
{
    private const int Opens = 10_000;
    private readonly InMemoryOrgKeyStore _store = new();
    private LocalKeyEncryptionKey _kek = null!;

    [Params(true, false)]
    public bool CacheEnabled { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _kek = LocalKeyEncryptionKey.Generate();
        using var keyManager = new OrgKeyManager(_store, _kek);
        await keyManager.CreateOrgAsync("acme");
    }

    [GlobalCleanup]
    public void Cleanup() => _kek.Dispose();

    [Benchmark(OperationsPerInvoke = Opens)]
    public async Task<long> TenThousandResolves()
    {
        using var keyManager = new OrgKeyManager(_store, _kek, new OrgKeyManagerOptions { Cache = new OrgKeyCacheOptions { Enabled = CacheEnabled } });
        for (int i = 0; i < Opens; i++)
        {
            using OrgDataKey key = await keyManager.GetKeyAsync("acme", 1);
        }

        long calls = keyManager.Statistics.KekCalls;
        Console.WriteLine($"// KEK calls for {Opens:N0} opens with the cache {(CacheEnabled ? "on" : "off")}: {calls:N0}");
        return calls;
    }
}
