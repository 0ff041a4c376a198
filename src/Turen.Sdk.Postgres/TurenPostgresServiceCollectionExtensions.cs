using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Turen.Sdk.Postgres;
using Turen.Sdk.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL store.</summary>
public static class TurenPostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="TurenPostgresDatabase"/> (also as <see cref="TurenDatabase"/>) and the org key store over it.
    /// The schema is not created here: call <see cref="TurenDatabase.MigrateAsync"/> from a deployment step.
    /// </summary>
    public static IServiceCollection AddTurenPostgres(this IServiceCollection services, Action<TurenPostgresOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TurenPostgresOptions>()
            .Configure(configure)
            .Validate(o => IsValidConnectionString(o.ConnectionString), "TurenPostgresOptions.ConnectionString is missing or not a valid Npgsql connection string.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new TurenPostgresDatabase(sp.GetRequiredService<IOptions<TurenPostgresOptions>>().Value.ConnectionString!));
        services.TryAddSingleton<TurenDatabase>(sp => sp.GetRequiredService<TurenPostgresDatabase>());
        services.TryAddSingleton<IOrgKeyStore>(sp => new SqlOrgKeyStore(sp.GetRequiredService<TurenDatabase>()));
        return services;
    }

    private static bool IsValidConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        try
        {
            return !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
