using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;

namespace Turen.Sdk.Fields.Format;

/// <summary>
/// Keyed HMAC-SHA-256 instances for one key, reused across calls. On Linux each one-shot
/// <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> and
/// <see cref="HKDF.Expand(HashAlgorithmName, ReadOnlySpan{byte}, Span{byte}, ReadOnlySpan{byte})"/> call fetches and
/// keys a fresh OpenSSL context, which costs 2–3 µs, more than hashing a field value; a keyed
/// <see cref="IncrementalHash"/> resets to its keyed state in about a third of that. Field protection runs one HMAC per
/// record key and per keyed hash, so this is most of a record's cost.
/// </summary>
/// <remarks>
/// Thread-safe: each call takes an idle instance (or creates one) and gives it back. At most
/// <see cref="MaxIdle"/> idle instances are kept. The key lives inside the native contexts; <see cref="Dispose"/> frees
/// them (OpenSSL cleanses the key), and an instance returned after that is disposed at once.
/// </remarks>
internal sealed class HmacSha256Pool : IDisposable
{
    public const int MacSize = 32;

    private static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly byte[] _key;
    private readonly ConcurrentQueue<IncrementalHash> _idle = new();
    private int _idleCount;
    private int _disposed;

    /// <param name="key">The HMAC key; the pool keeps a reference, so the caller must not change it while the pool lives.</param>
    public HmacSha256Pool(byte[] key) => _key = key;

    /// <summary>HMAC-SHA-256(key, first ‖ second) into <paramref name="mac"/> (32 bytes).</summary>
    public void Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> mac)
    {
        IncrementalHash hmac = Rent();
        try
        {
            hmac.AppendData(first);
            hmac.AppendData(second);
            hmac.GetHashAndReset(mac);
        }
        catch
        {
            // The state is unknown: never hand it to another caller.
            hmac.Dispose();
            throw;
        }

        Return(hmac);
    }

    /// <summary>
    /// HKDF-Expand(SHA-256, PRK = key, info, L = 32) (RFC 5869 §2.3): for one output block the definition is exactly
    /// T(1) = HMAC-Hash(PRK, info ‖ 0x01). Checked against <see cref="HKDF.Expand(HashAlgorithmName, ReadOnlySpan{byte}, Span{byte}, ReadOnlySpan{byte})"/> in the tests.
    /// </summary>
    public void ExpandOneBlock(ReadOnlySpan<byte> info, Span<byte> output)
    {
        if (output.Length != MacSize)
        {
            throw new ArgumentException("HKDF-Expand here produces exactly one 32-byte block.", nameof(output));
        }

        ReadOnlySpan<byte> counter = [0x01];
        Compute(info, counter, output);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            DisposeIdle();
        }
    }

    private IncrementalHash Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_idle.TryDequeue(out IncrementalHash? hmac))
        {
            Interlocked.Decrement(ref _idleCount);
            return hmac;
        }

        return IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
    }

    private void Return(IncrementalHash hmac)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Enqueue(hmac);

                // Disposed meanwhile: nothing keyed may outlive the pool.
                if (Volatile.Read(ref _disposed) != 0)
                {
                    DisposeIdle();
                }

                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        hmac.Dispose();
    }

    private void DisposeIdle()
    {
        while (_idle.TryDequeue(out IncrementalHash? hmac))
        {
            hmac.Dispose();
        }
    }
}
