using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Credentials;

/// <summary>
/// Creates, verifies, lists and revokes API keys. Keys are stored only as <c>HMAC-SHA-256(hashKey, key)</c> beside their
/// non-secret lookup id; verification recomputes the HMAC and compares it in constant time.
/// </summary>
/// <example>
/// <code>
/// var service = new ApiKeyService(store, hashKey);
/// using CreatedApiKey created = await service.CreateAsync("ci-uploader");
/// Console.WriteLine(created.Key.Reveal());        // shown once
/// ApiKeyVerification result = await service.VerifyAsync(presentedText);
/// if (!result.IsValid) { return Results.Unauthorized(); }
/// </code>
/// </example>
public sealed class ApiKeyService
{
    private const int MaxCreateAttempts = 4;

    // Compared against when the id is unknown, so that a miss costs the same HMAC and comparison as a hit.
    private static readonly byte[] MissHash = new byte[ApiKeyRecord.HashSize];

    private readonly IApiKeyStore _store;
    private readonly ApiKeyHashKey _hashKey;
    private readonly TimeProvider _time;

    /// <summary>Creates the service over a store and the server's hash key (which the caller keeps and disposes).</summary>
    public ApiKeyService(IApiKeyStore store, ApiKeyHashKey hashKey, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(hashKey);
        _store = store;
        _hashKey = hashKey;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates and stores a new key. The returned plaintext is the only copy: show it once.</summary>
    /// <exception cref="ArgumentException">The name is empty, longer than 200 characters or holds control characters.</exception>
    public async Task<CreatedApiKey> CreateAsync(string name, SecretEnvironment environment = SecretEnvironment.Live, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 200)
        {
            throw new ArgumentException("An API-key name is at most 200 characters.", nameof(name));
        }

        foreach (char c in name)
        {
            // Names end up in listings and logs; control characters could forge lines or terminal escapes there.
            if (char.IsControl(c))
            {
                throw new ArgumentException("An API-key name must not contain control characters.", nameof(name));
            }
        }

        for (int attempt = 1; ; attempt++)
        {
            ApiKey key = ApiKey.Generate(environment);
            try
            {
                var info = new ApiKeyInfo(key.LookupId, name, environment, TruncateToMicroseconds(_time.GetUtcNow()), null);
                await _store.AddAsync(new ApiKeyRecord(info, HashOf(key)), cancellationToken).ConfigureAwait(false);
                return new CreatedApiKey(key, info);
            }
            catch (DuplicateApiKeyException) when (attempt < MaxCreateAttempts)
            {
                // 47.6 bits of lookup id: a collision is rare but possible in a large table; draw again.
                key.Dispose();
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }
    }

    /// <summary>Verifies presented text (e.g. from an Authorization header). Never throws for bad keys: see the status.</summary>
    public async Task<ApiKeyVerification> VerifyAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!ApiKey.TryParse(presented, out ApiKey? key))
        {
            return new ApiKeyVerification(ApiKeyVerificationStatus.Malformed, null);
        }

        using (key)
        {
            return await VerifyAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Verifies a parsed key.</summary>
    public async Task<ApiKeyVerification> VerifyAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ApiKeyRecord? record = await _store.FindAsync(key.LookupId, cancellationToken).ConfigureAwait(false);
        if (!Matches(key, record))
        {
            return new ApiKeyVerification(ApiKeyVerificationStatus.Unknown, null);
        }

        ApiKeyInfo info = record!.Info;
        return new ApiKeyVerification(info.IsRevoked ? ApiKeyVerificationStatus.Revoked : ApiKeyVerificationStatus.Valid, info);
    }

    /// <summary>Revokes the key with this lookup id; false when there is none. Revoking twice keeps the first time.</summary>
    public Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ApiKey.IsLookupId(id)
            ? _store.RevokeAsync(id, TruncateToMicroseconds(_time.GetUtcNow()), cancellationToken)
            : Task.FromResult(false);
    }

    /// <summary>Every key's description, oldest first; never a key or a hash.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ApiKeyRecord> records = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        var infos = new ApiKeyInfo[records.Count];
        for (int i = 0; i < infos.Length; i++)
        {
            infos[i] = records[i].Info;
        }

        return infos;
    }

    /// <summary>The HMAC and comparison, in constant time with respect to the key and the stored hash.</summary>
    internal bool Matches(ApiKey key, ApiKeyRecord? record)
    {
        Span<byte> computed = stackalloc byte[ApiKeyRecord.HashSize];
        try
        {
            _hashKey.Hash(key.AsciiBytes, computed);
            bool equal = CryptographicOperations.FixedTimeEquals(computed, record is null ? MissHash : record.KeyHash);
            return equal & record is not null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(computed);
        }
    }

    private byte[] HashOf(ApiKey key)
    {
        byte[] hash = new byte[ApiKeyRecord.HashSize];
        _hashKey.Hash(key.AsciiBytes, hash);
        return hash;
    }

    // Databases keep microseconds; truncating here makes every store return exactly what was written.
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
