using System;
using System.Security.Cryptography;
using System.Threading;

namespace Turen.Sdk.Keys;

/// <summary>
/// One version of an organization's plaintext data-encryption key (org DEK): 32 bytes for AES-256-GCM, held in a
/// pinned buffer and zeroed when the last holder releases it.
/// </summary>
/// <remarks>
/// A key is reference counted so that a cache can hand the same unwrapped key to many callers and still zero it on
/// eviction: every <see cref="OrgDataKey"/> a method returns is a lease the caller must dispose, and the bytes are wiped
/// when the cache and every lease have let go. The key bytes are reachable only inside this assembly.
/// </remarks>
public sealed class OrgDataKey : IDisposable
{
    /// <summary>The size of an org DEK in bytes.</summary>
    public const int KeySizeInBytes = 32;

    private readonly byte[] _key;
    private int _references = 1;

    private OrgDataKey(string orgId, int version, ReadOnlySpan<byte> key)
    {
        OrgId = orgId;
        Version = version;
        // Pinned so the GC never leaves a copy of the key behind when it compacts the heap.
        _key = GC.AllocateArray<byte>(KeySizeInBytes, pinned: true);
        key.CopyTo(_key);
    }

    /// <summary>The organization the key belongs to.</summary>
    public string OrgId { get; }

    /// <summary>The key's version within its organization, starting at 1.</summary>
    public int Version { get; }

    /// <summary>Copies <paramref name="key"/> into a new pinned key object. The caller keeps (and should zero) its copy.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes, the org id is empty, or the version is not positive.</exception>
    public static OrgDataKey Create(string orgId, int version, ReadOnlySpan<byte> key)
    {
        ArgumentException.ThrowIfNullOrEmpty(orgId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (key.Length != KeySizeInBytes)
        {
            throw new ArgumentException($"An org data key is {KeySizeInBytes} bytes.", nameof(key));
        }

        return new OrgDataKey(orgId, version, key);
    }

    /// <summary>Generates a fresh random key from the operating system's CSPRNG.</summary>
    public static OrgDataKey Generate(string orgId, int version)
    {
        Span<byte> key = stackalloc byte[KeySizeInBytes];
        RandomNumberGenerator.Fill(key);
        try
        {
            return Create(orgId, version, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The key bytes. Valid only while this lease is not disposed.</summary>
    /// <exception cref="ObjectDisposedException">Every lease was released and the key zeroed.</exception>
    internal ReadOnlySpan<byte> KeyBytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _references) <= 0, this);
            return _key;
        }
    }

    /// <summary>Takes another lease on the same key (for caches). Fails once the key has been zeroed.</summary>
    internal bool TryAddReference()
    {
        while (true)
        {
            int current = Volatile.Read(ref _references);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Releases this lease; the last release zeroes the key.</summary>
    public void Dispose()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            CryptographicOperations.ZeroMemory(_key);
        }
    }

    /// <summary>Names the key without revealing it.</summary>
    public override string ToString() => $"OrgDataKey {{ OrgId = {OrgId}, Version = {Version} }}";
}
