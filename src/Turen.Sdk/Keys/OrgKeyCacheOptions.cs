using System;
using System.Collections.Generic;

namespace Turen.Sdk.Keys;

/// <summary>Limits of the unwrapped-DEK cache. The defaults suit a service: 1,024 keys, 5 minutes, unlimited uses.</summary>
public sealed class OrgKeyCacheOptions
{
    /// <summary>False turns the cache off: every resolve unwraps through the KEK (concurrent resolves still share one call).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most unwrapped keys held at once; the least recently used is evicted (and zeroed) beyond it.</summary>
    public int MaxEntries { get; set; } = 1024;

    /// <summary>How long an unwrapped key (and an org's active version) is reused before the store and KEK are asked again.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When set, a cached key is evicted after this many uses, bounding how much data one unwrap protects.</summary>
    public long? MaxUses { get; set; }

    /// <summary>Returns the problems with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxEntries < 1)
        {
            errors.Add("Cache MaxEntries must be at least 1.");
        }

        if (TimeToLive <= TimeSpan.Zero || TimeToLive > TimeSpan.FromDays(1))
        {
            errors.Add("Cache TimeToLive must be positive and at most one day.");
        }

        if (MaxUses is < 1)
        {
            errors.Add("Cache MaxUses, when set, must be at least 1.");
        }

        return errors;
    }
}
