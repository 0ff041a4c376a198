using Turen.Sdk.Keys;

namespace Turen.Sdk.DependencyInjection;

/// <summary>Settings of <see cref="TurenServiceCollectionExtensions.AddTuren"/>.</summary>
public sealed class TurenOptions
{
    /// <summary>The org key manager: cache limits, whether orgs are created on first use.</summary>
    public OrgKeyManagerOptions KeyManager { get; set; } = new();
}
