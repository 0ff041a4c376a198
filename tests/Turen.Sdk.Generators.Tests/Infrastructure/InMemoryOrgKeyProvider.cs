using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Generators.Tests.Infrastructure;

/// <summary>Org keys in memory, with rotation and retirement, standing in for the org key manager.</summary>
public sealed class InMemoryOrgKeyProvider : IOrgKeyProvider, IDisposable
{
    private readonly Dictionary<(string Org, int Version), byte[]> _keys = new();
    private readonly Dictionary<string, int> _active = new(StringComparer.Ordinal);

    public int ActiveRequests { get; private set; }

    public int VersionRequests { get; private set; }

    /// <summary>Adds a new version for the org and makes it active.</summary>
    public int Rotate(string orgId)
    {
        int version = _active.TryGetValue(orgId, out int current) ? current + 1 : 1;
        _keys[(orgId, version)] = System.Security.Cryptography.RandomNumberGenerator.GetBytes(OrgDataKey.KeySizeInBytes);
        _active[orgId] = version;
        return version;
    }

    /// <summary>Forgets a version: values sealed under it can no longer be opened.</summary>
    public void Retire(string orgId, int version)
    {
        if (_keys.Remove((orgId, version), out byte[]? key))
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }
    }

    public ValueTask<OrgDataKey> GetActiveKeyAsync(string orgId, CancellationToken cancellationToken = default)
    {
        ActiveRequests++;
        if (!_active.TryGetValue(orgId, out int version))
        {
            Rotate(orgId);
            version = _active[orgId];
        }

        return GetKeyAsync(orgId, version, cancellationToken, countRequest: false);
    }

    public ValueTask<OrgDataKey> GetKeyAsync(string orgId, int version, CancellationToken cancellationToken = default) =>
        GetKeyAsync(orgId, version, cancellationToken, countRequest: true);

    public void Dispose()
    {
        foreach (byte[] key in _keys.Values)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }
    }

    private ValueTask<OrgDataKey> GetKeyAsync(string orgId, int version, CancellationToken cancellationToken, bool countRequest)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (countRequest)
        {
            VersionRequests++;
        }

        if (!_keys.TryGetValue((orgId, version), out byte[]? key))
        {
            throw new KeyNotFoundException($"Org '{orgId}' has no key version {version}.");
        }

        return ValueTask.FromResult(OrgDataKey.Create(orgId, version, key));
    }
}
