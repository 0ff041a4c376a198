using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Testing;

/// <summary>
/// Org data keys held in memory, standing in for the org key manager wherever a test, benchmark or fuzz target needs an
/// <see cref="IOrgKeyProvider"/> without a store or a KEK: keys are added with chosen bytes (reproducible results) or
/// generated, rotated and retired by hand.
/// </summary>
/// <remarks>
/// Unknown orgs and versions fail with <see cref="OrgKeyNotFoundException"/>, as the key manager does. Thread-safe.
/// Disposing zeroes every key.
/// </remarks>
public sealed class FixedOrgKeyProvider : IOrgKeyProvider, IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<(string OrgId, int Version), byte[]> _keys = new();
    private readonly Dictionary<string, int> _active = new(StringComparer.Ordinal);

    /// <summary>When true, asking for the active key of an org without keys first generates its version 1.</summary>
    public bool CreateOrgsOnFirstUse { get; init; }

    /// <summary>
    /// Adds (or replaces) one version of an org's key; the highest version added is the active one unless
    /// <see cref="SetActive"/> says otherwise.
    /// </summary>
    public FixedOrgKeyProvider Add(string orgId, int version, ReadOnlySpan<byte> key)
    {
        ArgumentException.ThrowIfNullOrEmpty(orgId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (key.Length != OrgDataKey.KeySizeInBytes)
        {
            throw new ArgumentException($"An org data key is {OrgDataKey.KeySizeInBytes} bytes.", nameof(key));
        }

        lock (_gate)
        {
            if (_keys.Remove((orgId, version), out byte[]? replaced))
            {
                CryptographicOperations.ZeroMemory(replaced);
            }

            _keys[(orgId, version)] = key.ToArray();
            _active[orgId] = Math.Max(version, _active.GetValueOrDefault(orgId));
        }

        return this;
    }

    /// <summary>Adds one version whose 32 key bytes all equal <paramref name="fill"/>.</summary>
    public FixedOrgKeyProvider Add(string orgId, int version, byte fill)
    {
        Span<byte> key = stackalloc byte[OrgDataKey.KeySizeInBytes];
        key.Fill(fill);
        return Add(orgId, version, key);
    }

    /// <summary>Generates the org's next version and makes it active; returns its number.</summary>
    public int Rotate(string orgId)
    {
        Span<byte> key = stackalloc byte[OrgDataKey.KeySizeInBytes];
        RandomNumberGenerator.Fill(key);
        try
        {
            lock (_gate)
            {
                int version = _active.GetValueOrDefault(orgId);
                foreach ((string OrgId, int Version) existing in _keys.Keys)
                {
                    version = existing.OrgId == orgId ? Math.Max(version, existing.Version) : version;
                }

                version++;
                Add(orgId, version, key);
                _active[orgId] = version;
                return version;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Makes an existing version the active one (new writes use it; others still open).</summary>
    public void SetActive(string orgId, int version)
    {
        lock (_gate)
        {
            if (!_keys.ContainsKey((orgId, version)))
            {
                throw new OrgKeyNotFoundException(orgId, version, $"Org '{orgId}' has no key version {version}.");
            }

            _active[orgId] = version;
        }
    }

    /// <summary>Forgets a version and zeroes it: values sealed under it can no longer be opened.</summary>
    public void Retire(string orgId, int version)
    {
        lock (_gate)
        {
            if (_keys.Remove((orgId, version), out byte[]? key))
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<OrgDataKey> GetActiveKeyAsync(string orgId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_active.TryGetValue(orgId, out int version))
            {
                if (!CreateOrgsOnFirstUse)
                {
                    throw new OrgKeyNotFoundException(orgId, null, $"Org '{orgId}' has no keys.");
                }

                version = Rotate(orgId);
            }

            return GetKeyAsync(orgId, version, cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask<OrgDataKey> GetKeyAsync(string orgId, int version, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return _keys.TryGetValue((orgId, version), out byte[]? key)
                ? ValueTask.FromResult(OrgDataKey.Create(orgId, version, key))
                : throw new OrgKeyNotFoundException(orgId, version, $"Org '{orgId}' has no key version {version}.");
        }
    }

    /// <summary>Zeroes every key.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (byte[] key in _keys.Values)
            {
                CryptographicOperations.ZeroMemory(key);
            }

            _keys.Clear();
            _active.Clear();
        }
    }
}
