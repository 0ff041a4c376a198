using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Turen.Sdk.Credentials;
using Turen.Sdk.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ApiKeyService"/> over the registered <see cref="TurenDatabase"/>.</summary>
public static class TurenApiKeyServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ApiKeyService"/> (singleton) with a <see cref="SqlApiKeyStore"/> over the registered
    /// <see cref="TurenDatabase"/> (from <c>AddTurenSqlite</c> or <c>AddTurenPostgres</c>) unless an
    /// <see cref="IApiKeyStore"/> is already registered. <paramref name="hashKey"/> supplies the server's hash key, e.g.
    /// from a secret manager; the container disposes it.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddTurenSqlite().AddTurenApiKeys(_ => ApiKeyHashKey.Import(Convert.FromBase64String(config["ApiKeys:HashKey"]!)));
    /// </code>
    /// </example>
    public static IServiceCollection AddTurenApiKeys(this IServiceCollection services, Func<IServiceProvider, ApiKeyHashKey> hashKey)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(hashKey);
        services.TryAddSingleton(hashKey);
        services.TryAddSingleton<IApiKeyStore>(sp => new SqlApiKeyStore(sp.GetRequiredService<TurenDatabase>()));
        services.TryAddSingleton(sp => new ApiKeyService(
            sp.GetRequiredService<IApiKeyStore>(),
            sp.GetRequiredService<ApiKeyHashKey>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
