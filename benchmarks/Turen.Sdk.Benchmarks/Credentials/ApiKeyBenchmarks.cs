using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Turen.Sdk.Credentials;

namespace Turen.Sdk.Benchmarks.Credentials;

/// <summary>
/// What verifying an API key costs: the checksum parse (which rejects typos and lookalikes without a lookup), the keyed
/// hash with its constant-time comparison, and the whole <see cref="ApiKeyService.VerifyAsync(string, System.Threading.CancellationToken)"/>
/// over an in-memory store. Baseline: a plain SHA-256 of the key.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyBenchmarks
{
    private ApiKeyHashKey _hashKey = null!;
    private ApiKeyService _service = null!;
    private ApiKey _key = null!;
    private string _text = null!;
    private string _lookalike = null!;
    private ApiKeyRecord _record = null!;
    private readonly byte[] _sha = new byte[32];

    [GlobalSetup]
    public async Task Setup()
    {
        var store = new InMemoryApiKeyStore();
        _hashKey = ApiKeyHashKey.Generate();
        _service = new ApiKeyService(store, _hashKey);
        CreatedApiKey created = await _service.CreateAsync("bench");
        _key = created.Key;
        _text = _key.Reveal();
        _lookalike = _text[..^1] + (_text[^1] == 'a' ? 'b' : 'a');
        _record = (await store.FindAsync(created.Info.Id))!;
    }

    [Benchmark(Baseline = true, Description = "SHA-256 of the key (baseline)")]
    public byte[] Sha256()
    {
        SHA256.HashData(_key.AsciiBytes, _sha);
        return _sha;
    }

    [Benchmark(Description = "HMAC-SHA-256 + FixedTimeEquals")]
    public bool KeyedHashAndCompare() => _service.Matches(_key, _record);

    [Benchmark(Description = "Parse (checksum check)")]
    public bool Parse()
    {
        bool ok = ApiKey.TryParse(_text, out ApiKey? parsed);
        parsed?.Dispose();
        return ok;
    }

    [Benchmark(Description = "Reject a lookalike (bad checksum)")]
    public bool RejectLookalike() => ApiKey.TryParse(_lookalike, out _);

    [Benchmark(Description = "VerifyAsync end to end (in-memory store)")]
    public async Task<bool> Verify() => (await _service.VerifyAsync(_text)).IsValid;

    [Benchmark(Description = "Generate an agent secret (CSPRNG)")]
    public int GenerateAgentSecret()
    {
        using AgentSecret secret = AgentSecret.Generate();
        return secret.Prefix.Length;
    }
}
