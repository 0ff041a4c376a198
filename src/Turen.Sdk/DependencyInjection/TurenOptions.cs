using Turen.Sdk.Keys;

namespace Turen.Sdk.DependencyInjection;

/// <summary>Settings of <see cref="TurenServiceCollectionExtensions.AddTuren"/>.</summary>
public sealed class TurenOptions
{
    /// <summary>The org key ring: cache limits, whether orgs are created on first use.</summary>
    public OrgKeyRingOptions KeyRing { get; set; } = new();
}
