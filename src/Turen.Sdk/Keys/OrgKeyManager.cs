using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Keys;

/// <summary>
/// The org key manager: creates, rotates, retires and rewraps org DEKs in an <see cref="IOrgKeyStore"/>, wrapped by an
/// <see cref="IKeyEncryptionKey"/>, and resolves them for sealing and opening through an <see cref="OrgKeyCache"/>.
/// </summary>
/// <remarks>
/// Concurrent resolves of one uncached key share a single KEK call. Every returned <see cref="OrgDataKey"/> is a lease
/// the caller disposes. The active version of an org is remembered for the cache's time-to-live, so another process's
/// rotation is picked up within that time (a rotation made through this manager applies at once).
/// </remarks>
public sealed class OrgKeyManager : IOrgKeyProvider, IDisposable
{
    private readonly IOrgKeyStore _store;
    private readonly IKeyEncryptionKey _kek;
    private readonly IReadOnlyList<IKeyEncryptionKey> _readOnlyKeks;
    private readonly OrgKeyManagerOptions _options;
    private readonly OrgKeyCache? _cache;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string OrgId, int Version), Lazy<Task<OrgDataKey>>> _inflight = new();
    private readonly ConcurrentDictionary<string, (int Version, long ExpiresAt)> _activeVersions = new(StringComparer.Ordinal);
    // Per org, the lowest version this manager has not retired: a load that read its row before a retirement must not
    // hand out (or cache) the key once the retirement is done.
    private readonly ConcurrentDictionary<string, int> _retiredBelow = new(StringComparer.Ordinal);
    private long _kekUnwrapCalls;
    private long _kekWrapCalls;

    /// <summary>Creates a key manager.</summary>
    /// <param name="store">Where wrapped DEKs live.</param>
    /// <param name="kek">The KEK that wraps new DEKs and unwraps existing ones.</param>
    /// <param name="options">Cache and behaviour settings; defaults when null.</param>
    /// <param name="logger">Receives creation, rotation and unwrap-failure events.</param>
    /// <param name="additionalKeks">Older KEKs, used only to unwrap DEKs whose stored KEK id matches theirs (during a KEK rotation).</param>
    /// <param name="timeProvider">The clock for cache expiry and creation times.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public OrgKeyManager(
        IOrgKeyStore store,
        IKeyEncryptionKey kek,
        OrgKeyManagerOptions? options = null,
        ILogger<OrgKeyManager>? logger = null,
        IEnumerable<IKeyEncryptionKey>? additionalKeks = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(kek);
        _options = options ?? new OrgKeyManagerOptions();
        IReadOnlyList<string> errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _store = store;
        _kek = kek;
        _readOnlyKeks = additionalKeks?.ToArray() ?? Array.Empty<IKeyEncryptionKey>();
        _time = timeProvider ?? TimeProvider.System;
        _cache = _options.Cache.Enabled ? new OrgKeyCache(_options.Cache, _time) : null;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The KEK new DEKs are wrapped under.</summary>
    public IKeyEncryptionKey KeyEncryptionKey => _kek;

    /// <summary>The store of wrapped DEKs.</summary>
    public IOrgKeyStore Store => _store;

    /// <summary>A snapshot of the counters.</summary>
    public OrgKeyManagerStatistics Statistics => new(
        Interlocked.Read(ref _kekUnwrapCalls),
        Interlocked.Read(ref _kekWrapCalls),
        _cache?.Hits ?? 0,
        _cache?.Misses ?? 0,
        _cache?.Evictions ?? 0);

    /// <summary>Creates version 1 for an org; returns false when the org already has keys.</summary>
    public async Task<bool> CreateOrgAsync(string orgId, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(orgId);
        (OrgDataKey? key, bool created) = await CreateFirstAsync(orgId, cancellationToken).ConfigureAwait(false);
        key?.Dispose();
        return created;
    }

    /// <inheritdoc/>
    /// <exception cref="OrgKeyNotFoundException">The org has no keys and <see cref="OrgKeyManagerOptions.CreateOrgsOnFirstUse"/> is off.</exception>
    public ValueTask<OrgDataKey> GetActiveKeyAsync(string orgId, CancellationToken cancellationToken = default) =>
        GetActiveAsync(orgId, _options.CreateOrgsOnFirstUse, cancellationToken);

    /// <summary>Returns a lease on the org's active DEK, creating version 1 when the org has none.</summary>
    public ValueTask<OrgDataKey> GetOrCreateActiveKeyAsync(string orgId, CancellationToken cancellationToken = default) =>
        GetActiveAsync(orgId, create: true, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="OrgKeyNotFoundException">The version does not exist or was retired.</exception>
    public ValueTask<OrgDataKey> GetKeyAsync(string orgId, int version, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(orgId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return ResolveAsync(orgId, version, known: null, cancellationToken);
    }

    /// <summary>Makes a new DEK version active (older ones stay readable) and returns its version.</summary>
    /// <exception cref="OrgKeyNotFoundException">The org has no keys.</exception>
    public async Task<int> RotateAsync(string orgId, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(orgId);
        for (int attempt = 0; attempt < _options.MaxRotationAttempts; attempt++)
        {
            WrappedOrgKey active = await _store.GetActiveAsync(orgId, cancellationToken).ConfigureAwait(false)
                ?? throw new OrgKeyNotFoundException(orgId, null, $"Org '{orgId}' has no keys; create it first.");
            int next = active.Version + 1;
            Interlocked.Increment(ref _kekWrapCalls);
            GeneratedOrgDataKey generated = await _kek.GenerateAsync(new OrgKeyContext(orgId, next), cancellationToken).ConfigureAwait(false);
            using (generated)
            {
                var row = new WrappedOrgKey(orgId, next, OrgKeyStatus.Active, _kek.KeyId, generated.WrappedKey, Now());
                if (await _store.TryRotateAsync(row, cancellationToken).ConfigureAwait(false))
                {
                    _cache?.Add(generated.Key);
                    RememberActive(orgId, next);
                    OrgKeyManagerLog.Rotated(_logger, orgId, next, _kek.KeyId);
                    return next;
                }
            }

            // Another writer rotated first: back off a little so that a crowd of rotators spreads out, then re-read.
            await Task.Delay(Random.Shared.Next(0, 1 + Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"Rotating org '{orgId}' lost {_options.MaxRotationAttempts} races with concurrent rotations; try again.");
    }

    /// <summary>Retires every version below <paramref name="minimumVersion"/>: their wrapped keys are erased and blobs sealed under them no longer open.</summary>
    /// <returns>How many versions were retired.</returns>
    /// <exception cref="InvalidOperationException">The org has no keys or <paramref name="minimumVersion"/> is above the active version.</exception>
    public async Task<int> RetireBelowAsync(string orgId, int minimumVersion, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(orgId);
        int retired = await _store.RetireBelowAsync(orgId, minimumVersion, cancellationToken).ConfigureAwait(false);
        // Watermark first, cache second: a concurrent load either adds before RemoveBelow (and is removed by it) or
        // sees the watermark after its own Add (and removes itself). See LoadAsync.
        _retiredBelow.AddOrUpdate(orgId, minimumVersion, (_, old) => Math.Max(old, minimumVersion));
        _cache?.RemoveBelow(orgId, minimumVersion);
        OrgKeyManagerLog.Retired(_logger, orgId, retired, minimumVersion);
        return retired;
    }

    /// <summary>
    /// Rewraps every non-retired version of an org under <paramref name="target"/> (KEK rotation). DEK bytes do not
    /// change, so existing blobs stay readable; with AWS KMS the plaintext never leaves KMS (ReEncrypt).
    /// </summary>
    /// <returns>How many versions were rewrapped (versions already under <paramref name="target"/> are skipped).</returns>
    public async Task<int> RewrapAsync(string orgId, IKeyEncryptionKey target, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(orgId);
        ArgumentNullException.ThrowIfNull(target);
        int count = 0;
        foreach (WrappedOrgKey row in await _store.ListVersionsAsync(orgId, cancellationToken).ConfigureAwait(false))
        {
            if (row.Status == OrgKeyStatus.Retired || string.Equals(row.KekId, target.KeyId, StringComparison.Ordinal))
            {
                continue;
            }

            IKeyEncryptionKey source = SelectKek(row.KekId);
            byte[]? rewrapped = target is IKeyEncryptionKeyRewrapper rewrapper
                ? await rewrapper.TryRewrapFromAsync(source, row.Context, row.WrappedKey, cancellationToken).ConfigureAwait(false)
                : null;
            Interlocked.Increment(ref _kekWrapCalls);
            if (rewrapped is null)
            {
                using OrgDataKey key = await UnwrapAsync(source, row, cancellationToken).ConfigureAwait(false);
                rewrapped = await target.WrapAsync(key, cancellationToken).ConfigureAwait(false);
                // Prove the new wrapping gives back the same bytes before the old one is overwritten.
                using OrgDataKey check = await target.UnwrapAsync(row.Context, rewrapped, cancellationToken).ConfigureAwait(false);
                if (!CryptographicOperations.FixedTimeEquals(key.KeyBytes, check.KeyBytes))
                {
                    throw new KeyUnwrapException($"Rewrapping {row.Context} under {target.KeyId} did not round-trip; nothing was changed.");
                }
            }

            if (await _store.TryReplaceWrappingAsync(orgId, row.Version, row.KekId, target.KeyId, rewrapped, cancellationToken).ConfigureAwait(false))
            {
                count++;
            }
        }

        OrgKeyManagerLog.Rewrapped(_logger, orgId, count, target.KeyId);
        return count;
    }

    /// <summary>Releases every cached key.</summary>
    public void Dispose() => _cache?.Dispose();

    private async ValueTask<OrgDataKey> GetActiveAsync(string orgId, bool create, CancellationToken cancellationToken)
    {
        OrgIds.Validate(orgId);
        if (_activeVersions.TryGetValue(orgId, out (int Version, long ExpiresAt) remembered) && _time.GetTimestamp() < remembered.ExpiresAt)
        {
            return await ResolveAsync(orgId, remembered.Version, known: null, cancellationToken).ConfigureAwait(false);
        }

        WrappedOrgKey? active = await _store.GetActiveAsync(orgId, cancellationToken).ConfigureAwait(false);
        if (active is null)
        {
            if (!create)
            {
                throw new OrgKeyNotFoundException(orgId, null, $"Org '{orgId}' has no keys; create it first ('turen org create {orgId}').");
            }

            (OrgDataKey? key, _) = await CreateFirstAsync(orgId, cancellationToken).ConfigureAwait(false);
            if (key is not null)
            {
                return key;
            }

            active = await _store.GetActiveAsync(orgId, cancellationToken).ConfigureAwait(false)
                ?? throw new OrgKeyNotFoundException(orgId, null, $"Org '{orgId}' lost its keys while being created.");
        }

        RememberActive(orgId, active.Version);
        return await ResolveAsync(orgId, active.Version, active, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates v1; returns a lease on it when this call created it, or null when another writer did first.</summary>
    private async Task<(OrgDataKey? Key, bool Created)> CreateFirstAsync(string orgId, CancellationToken cancellationToken)
    {
        if (await _store.GetActiveAsync(orgId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return (null, false);
        }

        Interlocked.Increment(ref _kekWrapCalls);
        GeneratedOrgDataKey generated = await _kek.GenerateAsync(new OrgKeyContext(orgId, 1), cancellationToken).ConfigureAwait(false);
        try
        {
            var row = new WrappedOrgKey(orgId, 1, OrgKeyStatus.Active, _kek.KeyId, generated.WrappedKey, Now());
            if (!await _store.TryCreateAsync(row, cancellationToken).ConfigureAwait(false))
            {
                generated.Dispose();
                return (null, false);
            }
        }
        catch
        {
            generated.Dispose();
            throw;
        }

        _cache?.Add(generated.Key);
        RememberActive(orgId, 1);
        OrgKeyManagerLog.Created(_logger, orgId, _kek.KeyId);
        // The generated object's lease becomes the caller's.
        return (generated.Key, true);
    }

    private async ValueTask<OrgDataKey> ResolveAsync(string orgId, int version, WrappedOrgKey? known, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_cache is not null && _cache.TryGet(orgId, version, out OrgDataKey? cached))
            {
                return cached;
            }

            var load = new Lazy<Task<OrgDataKey>>(() => LoadAsync(orgId, version, known), LazyThreadSafetyMode.ExecutionAndPublication);
            Lazy<Task<OrgDataKey>> current = _inflight.GetOrAdd((orgId, version), load);
            bool owner = ReferenceEquals(current, load);
            Task<OrgDataKey> task = current.Value;
            try
            {
                OrgDataKey shared = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
                // The loader's reference becomes the owner's lease; everyone else takes a reference of their own.
                if (owner || shared.TryAddReference())
                {
                    return shared;
                }
            }
            catch (OperationCanceledException) when (owner)
            {
                // Nobody will collect the loader's reference: release it when the load finishes. The load may already
                // have finished (it can complete while the wait is being cancelled), so this is unconditional: a
                // continuation on a completed task runs at once.
                _ = task.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                throw;
            }
            finally
            {
                if (owner)
                {
                    _inflight.TryRemove(new KeyValuePair<(string, int), Lazy<Task<OrgDataKey>>>((orgId, version), load));
                }
            }

            // The shared key was released before we could take a reference (no cache): load again.
        }
    }

    private async Task<OrgDataKey> LoadAsync(string orgId, int version, WrappedOrgKey? known)
    {
        // Not cancellable: the load is shared by every concurrent caller, each of whom waits with its own token.
        WrappedOrgKey? row = known ?? await _store.GetAsync(orgId, version, CancellationToken.None).ConfigureAwait(false);
        if (row is null)
        {
            throw new OrgKeyNotFoundException(orgId, version, $"Org '{orgId}' has no data key v{version}.");
        }

        if (row.Status == OrgKeyStatus.Retired)
        {
            throw new OrgKeyNotFoundException(orgId, version, $"Data key v{version} of org '{orgId}' was retired; blobs sealed under it can no longer be opened.");
        }

        OrgDataKey key = await UnwrapAsync(SelectKek(row.KekId), row, CancellationToken.None).ConfigureAwait(false);
        _cache?.Add(key);
        if (IsRetiredHere(orgId, version))
        {
            _cache?.Remove(orgId, version);
            key.Dispose();
            throw new OrgKeyNotFoundException(orgId, version, $"Data key v{version} of org '{orgId}' was retired; blobs sealed under it can no longer be opened.");
        }

        return key;
    }

    private bool IsRetiredHere(string orgId, int version) =>
        _retiredBelow.TryGetValue(orgId, out int minimum) && version < minimum;

    private async Task<OrgDataKey> UnwrapAsync(IKeyEncryptionKey kek, WrappedOrgKey row, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _kekUnwrapCalls);
        try
        {
            return await kek.UnwrapAsync(row.Context, row.WrappedKey, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyEncryptionKeyException ex)
        {
            OrgKeyManagerLog.UnwrapFailed(_logger, row.OrgId, row.Version, row.KekId, ex.GetType().Name);
            throw;
        }
    }

    private IKeyEncryptionKey SelectKek(string kekId)
    {
        foreach (IKeyEncryptionKey candidate in _readOnlyKeks)
        {
            if (string.Equals(candidate.KeyId, kekId, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        // The configured KEK also handles ids it reports differently (a KMS alias resolving to a stored ARN).
        return _kek;
    }

    private void RememberActive(string orgId, int version)
    {
        if (_cache is null)
        {
            return;
        }

        long expires = _time.GetTimestamp() + (long)(_options.Cache.TimeToLive.TotalSeconds * _time.TimestampFrequency);
        _activeVersions.AddOrUpdate(orgId, (version, expires), (_, old) => version >= old.Version ? (version, expires) : old);
    }

    private DateTimeOffset Now()
    {
        DateTimeOffset now = _time.GetUtcNow();
        // Millisecond precision survives every store (PostgreSQL keeps microseconds, SQLite text keeps ticks).
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
