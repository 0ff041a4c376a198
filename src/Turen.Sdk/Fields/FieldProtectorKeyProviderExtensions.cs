using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Fields;

/// <summary>Gets a <see cref="FieldProtector"/> from the org key ring.</summary>
public static class FieldProtectorKeyProviderExtensions
{
    /// <summary>Creates a protector over the organization's active data key; dispose it when done.</summary>
    public static ValueTask<FieldProtector> CreateFieldProtectorAsync(this IOrgKeyProvider keys, string orgId, FieldProtectorOptions? options = null, CancellationToken cancellationToken = default) =>
        FieldProtector.CreateAsync(keys, orgId, options, cancellationToken);
}
