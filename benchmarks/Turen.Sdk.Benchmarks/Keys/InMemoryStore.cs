using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Benchmarks.Keys;

/// <summary>A minimal in-memory store, so the key-manager benchmarks measure the manager and not a database.</summary>
internal sealed class InMemoryStore : IOrgKeyStore
{
    private readonly List<WrappedOrgKey> _rows = new();

    public Task<WrappedOrgKey?> GetActiveAsync(string orgId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.SingleOrDefault(r => r.OrgId == orgId && r.Status == OrgKeyStatus.Active));

    public Task<WrappedOrgKey?> GetAsync(string orgId, int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.SingleOrDefault(r => r.OrgId == orgId && r.Version == version));

    public Task<IReadOnlyList<WrappedOrgKey>> ListVersionsAsync(string orgId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WrappedOrgKey>>(_rows.Where(r => r.OrgId == orgId).ToList());

    public Task<IReadOnlyList<string>> ListOrgsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_rows.Select(r => r.OrgId).Distinct().ToList());

    public Task<bool> TryCreateAsync(WrappedOrgKey key, CancellationToken cancellationToken = default)
    {
        if (_rows.Any(r => r.OrgId == key.OrgId))
        {
            return Task.FromResult(false);
        }

        _rows.Add(key);
        return Task.FromResult(true);
    }

    public Task<bool> TryRotateAsync(WrappedOrgKey next, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> TryReplaceWrappingAsync(string orgId, int version, string expectedKekId, string newKekId, ReadOnlyMemory<byte> newWrappedKey, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<int> RetireBelowAsync(string orgId, int minimumVersion, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
