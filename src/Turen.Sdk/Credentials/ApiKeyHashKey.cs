using System;
using System.Security.Cryptography;
using System.Threading;

namespace Turen.Sdk.Credentials;

/// <summary>
/// The server's key for hashing API keys (HMAC-SHA-256). Because the stored hash is keyed, a leaked key table alone does
/// not let anyone test guesses offline. The key is held in a pinned array and zeroed on <see cref="Dispose"/>; there is
/// no export.
/// </summary>
public sealed class ApiKeyHashKey : IDisposable
{
    /// <summary>The key size in bytes (256 bits, HMAC-SHA-256's block-sized-or-less sweet spot).</summary>
    public const int KeySize = 32;

    private readonly byte[] _key;
    private int _disposed;

    private ApiKeyHashKey(ReadOnlySpan<byte> key)
    {
        _key = GC.AllocateArray<byte>(KeySize, pinned: true);
        key.CopyTo(_key);
    }

    /// <summary>Generates a fresh hash key from the CSPRNG.</summary>
    public static ApiKeyHashKey Generate()
    {
        Span<byte> key = stackalloc byte[KeySize];
        try
        {
            RandomNumberGenerator.Fill(key);
            return new ApiKeyHashKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Imports a hash key of exactly <see cref="KeySize"/> bytes (from a secret manager, a KMS-decrypted blob, ...).</summary>
    /// <exception cref="ArgumentException">The key is not <see cref="KeySize"/> bytes long.</exception>
    public static ApiKeyHashKey Import(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"An API-key hash key is {KeySize} bytes long.", nameof(key));
        }

        return new ApiKeyHashKey(key);
    }

    /// <summary>HMAC-SHA-256 of <paramref name="data"/> into <paramref name="destination"/> (32 bytes).</summary>
    internal void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        HMACSHA256.HashData(_key, data, destination);
    }

    /// <summary>Zeroes the key.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CryptographicOperations.ZeroMemory(_key);
        }
    }
}
