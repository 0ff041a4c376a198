using System.IO;
using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Turen.Sdk;
using Turen.Sdk.Keys;
using Turen.Sdk.Sqlite;
using Turen.Sdk.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite store.</summary>
public static class TurenSqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="TurenSqliteDatabase"/> (also as <see cref="TurenDatabase"/>) and the org key store over it.
    /// The schema is not created here: call <see cref="TurenDatabase.MigrateAsync"/> (or run <c>turen init</c>).
    /// </summary>
    public static IServiceCollection AddTurenSqlite(this IServiceCollection services, Action<TurenSqliteOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<TurenSqliteOptions> options = services.AddOptions<TurenSqliteOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(
            o => Directory.Exists(Path.GetDirectoryName(ResolvePath(o))),
            "The folder of the SQLite database does not exist; run 'turen init' or set DatabasePath.").ValidateOnStart();
        services.TryAddSingleton(sp => new TurenSqliteDatabase(ResolvePath(sp.GetRequiredService<IOptions<TurenSqliteOptions>>().Value)));
        services.TryAddSingleton<TurenDatabase>(sp => sp.GetRequiredService<TurenSqliteDatabase>());
        services.TryAddSingleton<IOrgKeyStore>(sp => new SqlOrgKeyStore(sp.GetRequiredService<TurenDatabase>()));
        return services;
    }

    private static string ResolvePath(TurenSqliteOptions options) =>
        Path.GetFullPath(options.DatabasePath ?? TurenHome.Resolve(options.Home).DatabasePath);
}
