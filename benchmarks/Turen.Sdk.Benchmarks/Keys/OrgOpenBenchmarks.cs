using System.Security.Cryptography;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Turen.Sdk.Envelope;
using Turen.Sdk.Keys;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Benchmarks.Keys;

/// <summary>
/// Latency of resolving a cached org DEK and of opening a whole 4 KiB session through the org keyring, beside the raw
/// cost of one KEK unwrap (local KEK) and of opening the same blob with a raw AES keyring that holds the DEK directly.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
public class OrgOpenBenchmarks
{
    private readonly InMemoryOrgKeyStore _store = new();
    private LocalKeyEncryptionKey _kek = null!;
    private OrgKeyManager _keyManager = null!;
    private OrgSessionKeyring _orgKeyring = null!;
    private RawAesKeyring _rawKeyring = null!;
    private byte[] _orgBlob = null!;
    private byte[] _rawBlob = null!;
    private byte[] _wrappedDek = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _kek = LocalKeyEncryptionKey.Generate();
        _keyManager = new OrgKeyManager(_store, _kek);
        await _keyManager.CreateOrgAsync("acme");
        _wrappedDek = (await _store.GetActiveAsync("acme"))!.WrappedKey.ToArray();
        _orgKeyring = OrgSessionKeyring.ForAnyOrg(_keyManager);
        byte[] session = RandomNumberGenerator.GetBytes(4096);
        var options = new SealOptions { OrgId = "acme", SessionId = "s-1" };
        _orgBlob = SessionBlob.Seal(session, new OrgSessionKeyring(_keyManager, "acme"), options);
        using (OrgDataKey dek = await _keyManager.GetKeyAsync("acme", 1))
        {
            _rawKeyring = RawAesKeyring.Create(OrgKeyName.Namespace, OrgKeyName.Format("acme", 1), dek.KeyBytes);
        }

        _rawBlob = SessionBlob.Seal(session, _rawKeyring, options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _keyManager.Dispose();
        _rawKeyring.Dispose();
        _kek.Dispose();
    }

    [Benchmark(Description = "KEK unwrap (local, uncached)")]
    public async Task<int> RawKekUnwrap()
    {
        using OrgDataKey key = await _kek.UnwrapAsync(new OrgKeyContext("acme", 1), _wrappedDek);
        return key.Version;
    }

    [Benchmark(Description = "cached DEK resolve")]
    public async Task<int> CachedResolve()
    {
        using OrgDataKey key = await _keyManager.GetKeyAsync("acme", 1);
        return key.Version;
    }

    [Benchmark(Baseline = true, Description = "open 4 KiB, raw AES keyring")]
    public int OpenWithRawKeyring() => SessionBlob.Open(_rawBlob, _rawKeyring).Length;

    [Benchmark(Description = "open 4 KiB, org keyring (cached)")]
    public int OpenWithOrgKeyring() => SessionBlob.Open(_orgBlob, _orgKeyring).Length;
}
