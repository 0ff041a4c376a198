using System;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Storage;

/// <summary>
/// One stored org DEK version: wrapped by a key-encryption key, so none of these fields is secret.
/// </summary>
/// <param name="OrgId">The organization.</param>
/// <param name="Version">The DEK version, from 1.</param>
/// <param name="Status">Active, previous or retired.</param>
/// <param name="KekId">The <see cref="IKeyEncryptionKey.KeyId"/> of the KEK that wrapped it.</param>
/// <param name="WrappedKey">The wrapped DEK; empty once retired.</param>
/// <param name="CreatedAt">When the version was created.</param>
public sealed record WrappedOrgKey(string OrgId, int Version, OrgKeyStatus Status, string KekId, ReadOnlyMemory<byte> WrappedKey, DateTimeOffset CreatedAt)
{
    /// <summary>The context the KEK bound into the wrapping.</summary>
    public OrgKeyContext Context => new(OrgId, Version);

    /// <inheritdoc/>
    public override string ToString() =>
        $"WrappedOrgKey {{ {OrgKeyName.Format(OrgId, Version)}, {Status}, KekId = {KekId}, {WrappedKey.Length} bytes }}";
}
