using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Benchmarks.Hardening;

/// <summary>
/// Seal and open with the settings benchmarks/report/js-esdk.js gives the JS AWS Encryption SDK (raw AES-256 keyring,
/// suite 0x0478, 64 KiB frames, buffers in memory), so that report.sh can put the two side by side from one run.
/// No [Config]: report.sh runs it in-process with a short job.
/// </summary>
[MemoryDiagnoser]
public class EsdkPeerBenchmarks
{
    private RawAesKeyring _keyring = null!;
    private SealOptions _options = null!;
    private byte[] _plaintext = Array.Empty<byte>();
    private byte[] _blob = Array.Empty<byte>();

    [Params(1 << 20, 64 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keyring = RawAesKeyring.Create("turen", "org-dek-1", RandomNumberGenerator.GetBytes(32));
        _options = new SealOptions { OrgId = "acme", SessionId = "s-1" };
        _plaintext = RandomNumberGenerator.GetBytes(Bytes);
        _blob = SessionBlob.Seal(_plaintext, _keyring, _options);
    }

    [GlobalCleanup]
    public void Cleanup() => _keyring.Dispose();

    [Benchmark]
    public Task<SessionBlobResult> Seal() =>
        SessionBlob.SealAsync(new MemoryStream(_plaintext, writable: false), Stream.Null, _keyring, _options);

    [Benchmark]
    public Task<SessionBlobResult> Open() =>
        SessionBlob.OpenAsync(new MemoryStream(_blob, writable: false), Stream.Null, _keyring);
}
