using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Storage;

/// <summary>
/// Persists wrapped org DEKs. Implementations (SQLite in Turen.Sdk.Sqlite, PostgreSQL in Turen.Sdk.Postgres) pass one
/// contract test suite; every write is a compare-and-set, so concurrent writers never lose a version or leave two active.
/// </summary>
/// <remarks>
/// The store never sees plaintext keys. Its schema is created explicitly by the implementation's <c>MigrateAsync</c>
/// (or <c>turen init</c>); a store whose schema is missing fails with <see cref="SchemaNotReadyException"/>.
/// </remarks>
public interface IOrgKeyStore
{
    /// <summary>The active version of an org, or null when the org has no keys.</summary>
    Task<WrappedOrgKey?> GetActiveAsync(string orgId, CancellationToken cancellationToken = default);

    /// <summary>A given version of an org (any status), or null when it does not exist.</summary>
    Task<WrappedOrgKey?> GetAsync(string orgId, int version, CancellationToken cancellationToken = default);

    /// <summary>Every version of an org, ascending; empty when the org has no keys.</summary>
    Task<IReadOnlyList<WrappedOrgKey>> ListVersionsAsync(string orgId, CancellationToken cancellationToken = default);

    /// <summary>Every org that has keys, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListOrgsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts version 1 of a new org as active. Returns false (and writes nothing) when the org already has keys.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not version 1 or not active.</exception>
    Task<bool> TryCreateAsync(WrappedOrgKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically makes <paramref name="next"/> the active version and the current active version
    /// (<c>next.Version - 1</c>) previous. Returns false (and writes nothing) when the active version is no longer
    /// <c>next.Version - 1</c>: another writer rotated first; re-read and retry.
    /// </summary>
    Task<bool> TryRotateAsync(WrappedOrgKey next, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the wrapped form of one version (KEK rotation) if it is still wrapped by <paramref name="expectedKekId"/>.
    /// Returns false when the version is missing, retired or already rewrapped.
    /// </summary>
    Task<bool> TryReplaceWrappingAsync(string orgId, int version, string expectedKekId, string newKekId, ReadOnlyMemory<byte> newWrappedKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retires every non-retired version below <paramref name="minimumVersion"/> (erasing its wrapped key) and returns
    /// how many were retired. The active version cannot be retired.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="minimumVersion"/> is above the active version.</exception>
    Task<int> RetireBelowAsync(string orgId, int minimumVersion, CancellationToken cancellationToken = default);
}
