using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Credentials;

/// <summary>
/// Where API-key records live (SQLite by default, PostgreSQL, or <see cref="InMemoryApiKeyStore"/> for tests). Every
/// implementation passes the same contract test suite.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>Adds a record.</summary>
    /// <exception cref="DuplicateApiKeyException">A record with the same id exists.</exception>
    Task AddAsync(ApiKeyRecord record, CancellationToken cancellationToken = default);

    /// <summary>The record with this lookup id, or null.</summary>
    Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every record, oldest first (then by id).</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the record revoked at <paramref name="revokedAt"/>; revoking twice keeps the first time. False when no record
    /// has this id.
    /// </summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);
}
