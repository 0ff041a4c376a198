using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Fields.Format;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Fields;

/// <summary>
/// One organization's field keys: what <see cref="TurenSerializer"/> seals and opens <c>[Encrypted]</c> members with and
/// hashes <c>[Hashed]</c> members under. Get one from the org key ring with
/// <see cref="FieldProtectorKeyProviderExtensions.CreateFieldProtectorAsync"/>; dispose it to zero the keys.
/// </summary>
/// <remarks>
/// New values use the data key that was active when the protector was created. Values sealed under another version open
/// once that version is loaded: <see cref="TurenSerializer.DeserializeAsync{T}(string, FieldProtector, CancellationToken)"/>
/// loads it on demand. The protector keeps, per loaded version, only <c>HKDF-Extract(salt = "turen.fields.v1", DEK)</c>
/// in a pinned buffer; every record key and hash key is derived from it. Safe for concurrent use; not after <see cref="Dispose"/>.
/// </remarks>
public sealed class FieldProtector : IDisposable
{
    private readonly IOrgKeyProvider _provider;
    private const int MaxCachedHashKeys = 1024;

    private readonly object _gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Version, string Type, string Member), HashKey> _hashKeys = new();
    private VersionKey[] _keys;
    private int _disposed;

    private FieldProtector(IOrgKeyProvider provider, OrgDataKey active, FieldProtectorOptions options)
    {
        _provider = provider;
        OrgId = active.OrgId;
        OrgIdUtf8 = Encoding.UTF8.GetBytes(active.OrgId);
        Options = options;
        Active = VersionKey.From(active);
        _keys = new[] { Active };
    }

    /// <summary>The organization whose keys these are.</summary>
    public string OrgId { get; }

    /// <summary>The data-key version new values are sealed and hashed under.</summary>
    public int ActiveKeyVersion => Active.Version;

    internal FieldProtectorOptions Options { get; }

    internal byte[] OrgIdUtf8 { get; }

    internal VersionKey Active { get; }

    /// <summary>Creates a protector over the organization's active data key.</summary>
    /// <exception cref="InvalidOperationException">The provider returned a key of another organization.</exception>
    public static async ValueTask<FieldProtector> CreateAsync(IOrgKeyProvider keys, string orgId, FieldProtectorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrEmpty(orgId);
        options ??= new FieldProtectorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PasswordMemoryKiB, 8, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PasswordIterations, 1, nameof(options));
        OrgDataKey active = await keys.GetActiveKeyAsync(orgId, cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureOrg(active, orgId);
            return new FieldProtector(keys, active, options);
        }
        finally
        {
            active.Dispose();
        }
    }

    /// <summary>Loads a data-key version so values sealed under it open; does nothing if it is loaded.</summary>
    /// <exception cref="FieldKeyUnavailableException">The provider cannot supply the version (e.g. it was retired).</exception>
    public async ValueTask LoadKeyVersionAsync(int version, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (TryGetKey(version, out _))
        {
            return;
        }

        OrgDataKey key;
        try
        {
            key = await _provider.GetKeyAsync(OrgId, version, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new FieldKeyUnavailableException(OrgId, version, ex);
        }

        try
        {
            EnsureOrg(key, OrgId);
            if (key.Version != version)
            {
                throw new FieldKeyUnavailableException(OrgId, version);
            }

            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed != 0, this);
                if (TryGetKey(version, out _))
                {
                    return;
                }

                var grown = new VersionKey[_keys.Length + 1];
                _keys.CopyTo(grown, 0);
                grown[^1] = VersionKey.From(key);
                Volatile.Write(ref _keys, grown);
            }
        }
        finally
        {
            key.Dispose();
        }
    }

    internal bool TryGetKey(int version, out VersionKey key)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        foreach (VersionKey candidate in Volatile.Read(ref _keys))
        {
            if (candidate.Version == version)
            {
                key = candidate;
                return true;
            }
        }

        key = null!;
        return false;
    }

    /// <summary>
    /// HMAC-SHA-256 of <paramref name="value"/> under the keyed-hash key of a (version, type, member). The key is derived
    /// once and cached with its HMAC contexts: lookups hash on every request, and deriving and keying afresh would cost
    /// several times the hash itself. Bounded; zeroed and freed on <see cref="Dispose"/>.
    /// </summary>
    internal void ComputeKeyedMac(VersionKey key, string typeName, string memberName, ReadOnlySpan<byte> value, Span<byte> mac)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        (int, string, string) id = (key.Version, typeName, memberName);
        if (_hashKeys.TryGetValue(id, out HashKey? cached))
        {
            cached.Mac.Compute(value, default, mac);
            return;
        }

        var derived = new HashKey(KeyedHash.DeriveHashKey(this, key, typeName, memberName));
        bool kept = _hashKeys.Count < MaxCachedHashKeys && _hashKeys.TryAdd(id, derived);
        try
        {
            derived.Mac.Compute(value, default, mac);
        }
        finally
        {
            // Not cached, or cached after Dispose cleared the cache: zero it here (disposing twice is harmless).
            if (!kept || Volatile.Read(ref _disposed) != 0)
            {
                derived.Dispose();
            }
        }
    }

    internal VersionKey GetKey(int version) =>
        TryGetKey(version, out VersionKey key) ? key : throw new FieldKeyUnavailableException(OrgId, version);

    /// <summary>Zeroes every loaded key.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (VersionKey key in _keys)
            {
                key.Expand.Dispose();
                CryptographicOperations.ZeroMemory(key.Prk);
            }

            foreach (HashKey hashKey in _hashKeys.Values)
            {
                hashKey.Dispose();
            }

            _hashKeys.Clear();
        }
    }

    /// <summary>Names the protector without revealing keys.</summary>
    public override string ToString() => $"FieldProtector {{ OrgId = {OrgId}, ActiveKeyVersion = {ActiveKeyVersion} }}";

    private static void EnsureOrg(OrgDataKey key, string orgId)
    {
        if (!string.Equals(key.OrgId, orgId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The key provider returned a key of organization '{key.OrgId}' for '{orgId}'.");
        }
    }

    /// <summary>A loaded data-key version: its number and pseudorandom key (HKDF-Extract of the DEK).</summary>
    internal sealed class VersionKey
    {
        private VersionKey(int version, byte[] prk)
        {
            Version = version;
            Prk = prk;
            Expand = new HmacSha256Pool(prk);
        }

        public int Version { get; }

        public byte[] Prk { get; }

        /// <summary>HKDF-Expand under <see cref="Prk"/>, with reused HMAC contexts (record keys are derived per record).</summary>
        public HmacSha256Pool Expand { get; }

        public static VersionKey From(OrgDataKey key)
        {
            byte[] prk = GC.AllocateArray<byte>(FieldFormat.KeySize, pinned: true);
            HKDF.Extract(HashAlgorithmName.SHA256, key.KeyBytes, FieldFormat.ExtractSalt, prk);
            return new VersionKey(key.Version, prk);
        }
    }

    /// <summary>A keyed-hash key (pinned) and its HMAC contexts.</summary>
    private sealed class HashKey : IDisposable
    {
        private readonly byte[] _key;

        public HashKey(byte[] key)
        {
            _key = key;
            Mac = new HmacSha256Pool(key);
        }

        public HmacSha256Pool Mac { get; }

        public void Dispose()
        {
            Mac.Dispose();
            CryptographicOperations.ZeroMemory(_key);
        }
    }
}
