using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Benchmarks.Envelope;

/// <summary>
/// Seal and open of 1 MiB, 64 MiB and 1 GiB beside raw AES-256-GCM over the same number of bytes in 64 KiB chunks
/// (the baseline of each category). Seal reads a non-materialised pattern stream; open reads a blob sealed once in
/// setup; both write to <see cref="Stream.Null"/>. The "2 lanes" rows spread frames over two cores
/// (<c>MaxDegreeOfParallelism = 2</c>); every other row, the baselines included, runs on one.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class SessionBlobBenchmarks
{
    private const int Chunk = SessionBlob.DefaultFrameLength;
    private const int TagLength = 16;

    private readonly byte[] _pattern = new byte[1 << 20];
    private readonly byte[] _out = new byte[Chunk];
    private readonly byte[] _in = new byte[Chunk];
    private readonly byte[] _tag = new byte[TagLength];
    private readonly byte[] _nonce = new byte[12];
    private RawAesKeyring _keyring = null!;
    private AesGcm _aes = null!;
    private SealOptions _options = null!;
    private SealOptions _twoLaneSeal = null!;
    private OpenOptions _twoLaneOpen = null!;
    private byte[] _blob = null!;
    private byte[] _rawCiphertext = null!;
    private byte[] _rawTags = null!;

    [Params(1L << 20, 64L << 20, 1L << 30)]
    public long Size { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        RandomNumberGenerator.Fill(_pattern);
        _keyring = RawAesKeyring.Generate("turen", "bench");
        byte[] key = RandomNumberGenerator.GetBytes(32);
        _aes = new AesGcm(key, TagLength);
        _options = new SealOptions { OrgId = "bench", SessionId = "s" };
        _twoLaneSeal = new SealOptions { OrgId = "bench", SessionId = "s", MaxDegreeOfParallelism = 2 };
        _twoLaneOpen = new OpenOptions { MaxDegreeOfParallelism = 2 };

        var blob = new MemoryStream((int)(Size + (Size / 1000) + 4096));
        await SessionBlob.SealAsync(new PatternStream(_pattern, Size), blob, _keyring, _options);
        _blob = blob.GetBuffer()[..(int)blob.Length];

        PrepareRawCiphertext();
    }

    // The raw-decrypt baseline reads the same amount of ciphertext from memory as Open does.
    private void PrepareRawCiphertext()
    {
        _rawCiphertext = new byte[Size];
        _rawTags = new byte[(Size / Chunk) * TagLength];
        new PatternStream(_pattern, Size).ReadExactly(_rawCiphertext);
        for (int i = 0; i < Size / Chunk; i++)
        {
            NextNonce(i);
            Span<byte> chunk = _rawCiphertext.AsSpan(i * Chunk, Chunk);
            _aes.Encrypt(_nonce, chunk, chunk, _rawTags.AsSpan(i * TagLength, TagLength));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _keyring.Dispose();
        _aes.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Seal")]
    public void RawAesGcmEncrypt()
    {
        for (long offset = 0, i = 0; offset < Size; offset += Chunk, i++)
        {
            NextNonce(i);
            _aes.Encrypt(_nonce, _pattern.AsSpan((int)(offset % _pattern.Length), Chunk), _out, _tag);
        }
    }

    [Benchmark]
    [BenchmarkCategory("Seal")]
    public Task Seal() => SessionBlob.SealAsync(new PatternStream(_pattern, Size), Stream.Null, _keyring, _options);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Open")]
    public void RawAesGcmDecrypt()
    {
        for (long i = 0; i < Size / Chunk; i++)
        {
            NextNonce(i);
            _aes.Decrypt(_nonce, _rawCiphertext.AsSpan((int)(i * Chunk), Chunk), _rawTags.AsSpan((int)(i * TagLength), TagLength), _out);
        }
    }

    /// <summary>
    /// Extra row, not a baseline: raw encryption that first copies each chunk into a working buffer, as reading any
    /// <see cref="Stream"/> must (Stream.Read copies). The share of the gap to the baseline that no streaming API can close.
    /// </summary>
    [Benchmark(Description = "RawAesGcmEncrypt + copy (extra)")]
    [BenchmarkCategory("Seal")]
    public void RawAesGcmEncryptWithCopy()
    {
        for (long offset = 0, i = 0; offset < Size; offset += Chunk, i++)
        {
            _pattern.AsSpan((int)(offset % _pattern.Length), Chunk).CopyTo(_in);
            NextNonce(i);
            _aes.Encrypt(_nonce, _in, _out, _tag);
        }
    }

    /// <summary>Extra row, not a baseline: raw decryption that first copies each chunk out of the ciphertext, as an opaque stream does.</summary>
    [Benchmark(Description = "RawAesGcmDecrypt + copy (extra)")]
    [BenchmarkCategory("Open")]
    public void RawAesGcmDecryptWithCopy()
    {
        for (long i = 0; i < Size / Chunk; i++)
        {
            _rawCiphertext.AsSpan((int)(i * Chunk), Chunk).CopyTo(_in);
            NextNonce(i);
            _aes.Decrypt(_nonce, _in, _rawTags.AsSpan((int)(i * TagLength), TagLength), _out);
        }
    }

    /// <summary>An in-memory blob (exposed buffer): frames are decrypted where they lie.</summary>
    [Benchmark]
    [BenchmarkCategory("Open")]
    public Task Open() => SessionBlob.OpenAsync(new MemoryStream(_blob, 0, _blob.Length, writable: false, publiclyVisible: true), Stream.Null, _keyring);

    /// <summary>A blob read through an opaque stream (as from a file or socket): each frame is copied in first.</summary>
    [Benchmark]
    [BenchmarkCategory("Open")]
    public Task OpenFromStream() => SessionBlob.OpenAsync(new MemoryStream(_blob, writable: false), Stream.Null, _keyring);

    /// <summary>Seal with <see cref="SealOptions.MaxDegreeOfParallelism"/> = 2: frames encrypted on two cores.</summary>
    [Benchmark(Description = "Seal, 2 lanes")]
    [BenchmarkCategory("Seal")]
    public Task SealTwoLanes() => SessionBlob.SealAsync(new PatternStream(_pattern, Size), Stream.Null, _keyring, _twoLaneSeal);

    /// <summary>Open through an opaque stream with <see cref="OpenOptions.MaxDegreeOfParallelism"/> = 2.</summary>
    [Benchmark(Description = "OpenFromStream, 2 lanes")]
    [BenchmarkCategory("Open")]
    public Task OpenFromStreamTwoLanes() => SessionBlob.OpenAsync(new MemoryStream(_blob, writable: false), Stream.Null, _keyring, _twoLaneOpen);

    private void NextNonce(long counter) => BinaryPrimitives.WriteInt64BigEndian(_nonce.AsSpan(4), counter);
}
