using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Credentials;

/// <summary>An <see cref="IApiKeyStore"/> in memory, for tests and single-process tools. Thread-safe.</summary>
public sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly Dictionary<string, ApiKeyRecord> _records = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <inheritdoc />
    public Task AddAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_records.TryAdd(record.Info.Id, record))
            {
                throw new DuplicateApiKeyException(record.Info.Id);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_records.TryGetValue(id, out ApiKeyRecord? record) ? record : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<ApiKeyRecord> list = _records.Values
                .OrderBy(r => r.Info.CreatedAt)
                .ThenBy(r => r.Info.Id, StringComparer.Ordinal)
                .ToArray();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<bool> RevokeAsync(string id, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_records.TryGetValue(id, out ApiKeyRecord? record))
            {
                return Task.FromResult(false);
            }

            if (!record.Info.IsRevoked)
            {
                _records[id] = record.WithRevokedAt(revokedAt);
            }

            return Task.FromResult(true);
        }
    }
}
