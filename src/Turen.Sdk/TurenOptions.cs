using Turen.Sdk.Keys;

namespace Turen.Sdk;

/// <summary>Settings of <see cref="Microsoft.Extensions.DependencyInjection.TurenServiceCollectionExtensions.AddTuren"/>.</summary>
public sealed class TurenOptions
{
    /// <summary>The org key manager: cache limits, whether orgs are created on first use.</summary>
    public OrgKeyManagerOptions KeyManager { get; set; } = new();
}
