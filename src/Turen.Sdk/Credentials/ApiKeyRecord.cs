using System;

namespace Turen.Sdk.Credentials;

/// <summary>
/// A stored API key: its <see cref="ApiKeyInfo"/> and the HMAC-SHA-256 of the full key under the server's
/// <see cref="ApiKeyHashKey"/>. This is all an <see cref="IApiKeyStore"/> keeps; the key itself is never stored.
/// </summary>
public sealed class ApiKeyRecord
{
    /// <summary>The size of <see cref="KeyHash"/> in bytes.</summary>
    public const int HashSize = 32;

    private readonly byte[] _keyHash;

    /// <summary>Creates a record; the hash is copied.</summary>
    /// <exception cref="ArgumentException">The id is not a lookup id or the hash is not 32 bytes.</exception>
    public ApiKeyRecord(ApiKeyInfo info, ReadOnlySpan<byte> keyHash)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (!ApiKey.IsLookupId(info.Id))
        {
            throw new ArgumentException("The id is not an API-key lookup id (ak_live_/ak_test_ and 8 base62 characters).", nameof(info));
        }

        if (keyHash.Length != HashSize)
        {
            throw new ArgumentException($"An API-key hash is {HashSize} bytes long.", nameof(keyHash));
        }

        Info = info;
        _keyHash = keyHash.ToArray();
    }

    /// <summary>The non-secret description of the key.</summary>
    public ApiKeyInfo Info { get; }

    /// <summary>The keyed hash of the key (32 bytes).</summary>
    public ReadOnlySpan<byte> KeyHash => _keyHash;

    /// <summary>A copy of the record with <see cref="ApiKeyInfo.RevokedAt"/> set.</summary>
    public ApiKeyRecord WithRevokedAt(DateTimeOffset revokedAt) => new(Info with { RevokedAt = revokedAt }, _keyHash);
}
