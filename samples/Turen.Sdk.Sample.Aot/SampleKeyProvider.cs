using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Sample.Aot;

/// <summary>
/// Stands in for the org key manager (which unwraps org data keys with KMS): one random key per org, version 1.
/// </summary>
/// <remarks>
/// Deliberately local rather than the repository's test kit (src/Turen.Sdk.Testing): a sample shows what a user writes,
/// and a user can reference neither that unshipped project nor the xunit it brings into a NativeAOT publish. A real
/// application passes the org key ring from <c>AddTuren</c> instead.
/// </remarks>
internal sealed class SampleKeyProvider : IOrgKeyProvider, IDisposable
{
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public ValueTask<OrgDataKey> GetActiveKeyAsync(string orgId, CancellationToken cancellationToken = default) => GetKeyAsync(orgId, 1, cancellationToken);

    public ValueTask<OrgDataKey> GetKeyAsync(string orgId, int version, CancellationToken cancellationToken = default)
    {
        if (version != 1)
        {
            throw new KeyNotFoundException($"No key version {version}.");
        }

        if (!_keys.TryGetValue(orgId, out byte[]? key))
        {
            key = RandomNumberGenerator.GetBytes(OrgDataKey.KeySizeInBytes);
            _keys[orgId] = key;
        }

        return ValueTask.FromResult(OrgDataKey.Create(orgId, version, key));
    }

    public void Dispose()
    {
        foreach (byte[] key in _keys.Values)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
