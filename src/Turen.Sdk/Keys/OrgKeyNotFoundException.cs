using System;

namespace Turen.Sdk.Keys;

/// <summary>The org has no keys, or the requested version does not exist or was retired.</summary>
public sealed class OrgKeyNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrgKeyNotFoundException(string orgId, int? version, string message) : base(message)
    {
        OrgId = orgId;
        Version = version;
    }

    /// <summary>The org that was asked for.</summary>
    public string OrgId { get; }

    /// <summary>The version that was asked for, or null when the active version was.</summary>
    public int? Version { get; }
}
