using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Benchmarks.Envelope;

/// <summary>How the frame length affects seal + open of a 64 MiB session (the measurement behind the 64 KiB default).</summary>
[MemoryDiagnoser]
[Config(typeof(ShortConfig))]
public class FrameLengthBenchmarks
{
    private const long Size = 64L << 20;
    private readonly byte[] _pattern = new byte[1 << 20];
    private readonly MemoryStream _blob = new((int)Size + (1 << 22));
    private RawAesKeyring _keyring = null!;

    [Params(4096, 16384, 65536, 262144, 1048576)]
    public int FrameLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        RandomNumberGenerator.Fill(_pattern);
        _keyring = RawAesKeyring.Generate("turen", "bench");
    }

    [GlobalCleanup]
    public void Cleanup() => _keyring.Dispose();

    [Benchmark]
    public async Task SealThenOpen()
    {
        _blob.SetLength(0);
        await SessionBlob.SealAsync(new PatternStream(_pattern, Size), _blob, _keyring, new SealOptions { OrgId = "bench", SessionId = "s", FrameLength = FrameLength });
        _blob.Position = 0;
        await SessionBlob.OpenAsync(_blob, Stream.Null, _keyring);
    }
}
