using System;
using System.Globalization;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Keys;

/// <summary>
/// Identifies one org data key version for a key-encryption key: the organization and the DEK version. Every wrap and
/// unwrap binds it (AES-GCM additional data for the local KEK, the encryption context for AWS KMS), so a wrapped DEK
/// copied to another org or version does not unwrap.
/// </summary>
/// <param name="OrgId">The organization id (see <see cref="OrgIds"/> for the allowed characters).</param>
/// <param name="Version">The DEK version, starting at 1.</param>
public readonly record struct OrgKeyContext(string OrgId, int Version)
{
    /// <summary>The context key that carries the organization id.</summary>
    public const string OrgIdKey = "turen.org";

    /// <summary>The context key that carries the DEK version (decimal).</summary>
    public const string VersionKey = "turen.org-dek-version";

    /// <summary>Checks the org id and version and returns the context.</summary>
    /// <exception cref="ArgumentException">The org id is not valid or the version is below 1.</exception>
    public static OrgKeyContext Create(string orgId, int version)
    {
        OrgIds.Validate(orgId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new OrgKeyContext(orgId, version);
    }

    /// <summary>The context as an encryption context (the pairs a KMS call sends, and whose serialization the local KEK authenticates).</summary>
    public EncryptionContext ToEncryptionContext() =>
        EncryptionContext.Of(OrgIdKey, OrgId, VersionKey, Version.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc/>
    public override string ToString() => OrgKeyName.Format(OrgId, Version);
}
