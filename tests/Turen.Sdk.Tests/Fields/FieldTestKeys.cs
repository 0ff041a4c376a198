using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Tests.Fields;

/// <summary>Fixed org keys (so results are reproducible), one version per org unless told otherwise.</summary>
internal sealed class FieldTestKeys : IOrgKeyProvider
{
    private readonly Dictionary<(string, int), byte[]> _keys = new();
    private readonly Dictionary<string, int> _active = new(StringComparer.Ordinal);

    public FieldTestKeys Add(string orgId, int version, byte fill)
    {
        byte[] key = new byte[OrgDataKey.KeySizeInBytes];
        Array.Fill(key, fill);
        _keys[(orgId, version)] = key;
        _active[orgId] = Math.Max(version, _active.GetValueOrDefault(orgId));
        return this;
    }

    public string? WrongOrgFor { get; set; }

    public ValueTask<OrgDataKey> GetActiveKeyAsync(string orgId, CancellationToken cancellationToken = default) =>
        GetKeyAsync(orgId, _active[orgId], cancellationToken);

    public ValueTask<OrgDataKey> GetKeyAsync(string orgId, int version, CancellationToken cancellationToken = default) =>
        _keys.TryGetValue((orgId, version), out byte[]? key)
            ? ValueTask.FromResult(OrgDataKey.Create(WrongOrgFor == orgId ? orgId + "-other" : orgId, version, key))
            : throw new KeyNotFoundException($"{orgId} v{version}");
}
