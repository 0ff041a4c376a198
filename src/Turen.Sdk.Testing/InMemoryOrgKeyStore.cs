using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Testing;

/// <summary>
/// An in-memory <see cref="IOrgKeyStore"/> with the contract's compare-and-set semantics, for key-manager tests and
/// benchmarks that must measure the manager rather than a database.
/// </summary>
public sealed class InMemoryOrgKeyStore : IOrgKeyStore
{
    private readonly object _gate = new();
    private readonly List<WrappedOrgKey> _rows = new();

    private int _reads;

    /// <summary>How many single-version reads (active or by version) the store has answered.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public Task<WrappedOrgKey?> GetActiveAsync(string orgId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        lock (_gate)
        {
            return Task.FromResult(_rows.SingleOrDefault(r => r.OrgId == orgId && r.Status == OrgKeyStatus.Active));
        }
    }

    public Task<WrappedOrgKey?> GetAsync(string orgId, int version, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        lock (_gate)
        {
            return Task.FromResult(_rows.SingleOrDefault(r => r.OrgId == orgId && r.Version == version));
        }
    }

    public Task<IReadOnlyList<WrappedOrgKey>> ListVersionsAsync(string orgId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WrappedOrgKey>>(_rows.Where(r => r.OrgId == orgId).OrderBy(r => r.Version).ToList());
        }
    }

    public Task<IReadOnlyList<string>> ListOrgsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(_rows.Select(r => r.OrgId).Distinct().Order(StringComparer.Ordinal).ToList());
        }
    }

    public Task<bool> TryCreateAsync(WrappedOrgKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_rows.Any(r => r.OrgId == key.OrgId))
            {
                return Task.FromResult(false);
            }

            _rows.Add(key);
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryRotateAsync(WrappedOrgKey next, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            int index = _rows.FindIndex(r => r.OrgId == next.OrgId && r.Version == next.Version - 1 && r.Status == OrgKeyStatus.Active);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _rows[index] = _rows[index] with { Status = OrgKeyStatus.Previous };
            _rows.Add(next);
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryReplaceWrappingAsync(string orgId, int version, string expectedKekId, string newKekId, ReadOnlyMemory<byte> newWrappedKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            int index = _rows.FindIndex(r => r.OrgId == orgId && r.Version == version && r.KekId == expectedKekId && r.Status != OrgKeyStatus.Retired);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _rows[index] = _rows[index] with { KekId = newKekId, WrappedKey = newWrappedKey.ToArray() };
            return Task.FromResult(true);
        }
    }

    public Task<int> RetireBelowAsync(string orgId, int minimumVersion, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            WrappedOrgKey active = _rows.SingleOrDefault(r => r.OrgId == orgId && r.Status == OrgKeyStatus.Active)
                ?? throw new InvalidOperationException("no keys");
            if (minimumVersion > active.Version)
            {
                throw new InvalidOperationException("above active");
            }

            int count = 0;
            for (int i = 0; i < _rows.Count; i++)
            {
                if (_rows[i].OrgId == orgId && _rows[i].Version < minimumVersion && _rows[i].Status == OrgKeyStatus.Previous)
                {
                    _rows[i] = _rows[i] with { Status = OrgKeyStatus.Retired, WrappedKey = ReadOnlyMemory<byte>.Empty };
                    count++;
                }
            }

            return Task.FromResult(count);
        }
    }
}
