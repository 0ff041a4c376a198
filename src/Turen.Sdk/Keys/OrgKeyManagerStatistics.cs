namespace Turen.Sdk.Keys;

/// <summary>Counters of an <see cref="OrgKeyManager"/> since it was created.</summary>
/// <param name="KekUnwrapCalls">Calls to <see cref="IKeyEncryptionKey.UnwrapAsync"/> (each one a KMS request with AWS KMS).</param>
/// <param name="KekWrapCalls">Calls that generated or wrapped a DEK (creation, rotation, rewrap).</param>
/// <param name="CacheHits">Resolves served from the cache.</param>
/// <param name="CacheMisses">Resolves the cache could not serve.</param>
/// <param name="CacheEvictions">Keys the cache dropped for size, age or use count.</param>
public readonly record struct OrgKeyManagerStatistics(long KekUnwrapCalls, long KekWrapCalls, long CacheHits, long CacheMisses, long CacheEvictions)
{
    /// <summary>All KEK calls.</summary>
    public long KekCalls => KekUnwrapCalls + KekWrapCalls;
}
