using System.Collections.Generic;

namespace Turen.Sdk.Keys;

/// <summary>Settings of an <see cref="OrgKeyManager"/>; bound from configuration by <c>AddTuren</c> and validated at start-up.</summary>
public sealed class OrgKeyManagerOptions
{
    /// <summary>The unwrapped-DEK cache.</summary>
    public OrgKeyCacheOptions Cache { get; set; } = new();

    /// <summary>When true, <see cref="OrgKeyManager.GetActiveKeyAsync"/> creates version 1 for an org that has no keys; otherwise it throws <see cref="OrgKeyNotFoundException"/>.</summary>
    public bool CreateOrgsOnFirstUse { get; set; }

    /// <summary>How often a rotation retries after losing a race with a concurrent rotation before it gives up.</summary>
    public int MaxRotationAttempts { get; set; } = 100;

    /// <summary>Returns the problems with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Cache is null)
        {
            errors.Add("Cache options are required.");
        }
        else
        {
            errors.AddRange(Cache.Validate());
        }

        if (MaxRotationAttempts is < 1 or > 10_000)
        {
            errors.Add("MaxRotationAttempts must be between 1 and 10,000.");
        }

        return errors;
    }
}
