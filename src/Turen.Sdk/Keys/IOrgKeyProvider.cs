using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Keys;

/// <summary>
/// Supplies unwrapped org data keys: the active version for new encryptions and any retained version for decryption.
/// The org key manager implements it over a key store, a key-encryption key and a cache; tests implement it in memory.
/// </summary>
public interface IOrgKeyProvider
{
    /// <summary>Returns a lease on the organization's active data key; dispose it when done.</summary>
    ValueTask<OrgDataKey> GetActiveKeyAsync(string orgId, CancellationToken cancellationToken = default);

    /// <summary>Returns a lease on a given version of the organization's data key; dispose it when done.</summary>
    ValueTask<OrgDataKey> GetKeyAsync(string orgId, int version, CancellationToken cancellationToken = default);
}
