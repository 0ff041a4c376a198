using System;
using System.IO;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Turen.Sdk;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the org key manager. <c>AddTuren</c> needs one KEK (<see cref="AddTurenLocalKek"/>, or <c>AddTurenAwsKms</c>
/// from Turen.Sdk.Kms) and one store (<c>AddTurenSqlite</c> from Turen.Sdk.Sqlite or <c>AddTurenPostgres</c> from
/// Turen.Sdk.Postgres); options are validated when the host starts.
/// </summary>
public static class TurenServiceCollectionExtensions
{
    /// <summary>Adds <see cref="OrgKeyManager"/> (also as <see cref="IOrgKeyProvider"/>) with validated options.</summary>
    /// <example>
    /// <code>
    /// services.AddTuren(o => o.KeyManager.Cache.TimeToLive = TimeSpan.FromMinutes(10))
    ///         .AddTurenAwsKms(o => o.KeyId = "alias/turen")
    ///         .AddTurenPostgres(o => o.ConnectionString = "Host=db;Database=turen;Username=turen");
    /// </code>
    /// </example>
    public static IServiceCollection AddTuren(this IServiceCollection services, Action<TurenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<TurenOptions> options = services.AddOptions<TurenOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TurenOptions>, TurenOptionsValidator>());
        options.ValidateOnStart();
        services.TryAddSingleton(sp => new OrgKeyManager(
            sp.GetRequiredService<IOrgKeyStore>(),
            sp.GetRequiredService<IKeyEncryptionKey>(),
            sp.GetRequiredService<IOptions<TurenOptions>>().Value.KeyManager,
            sp.GetService<ILogger<OrgKeyManager>>()));
        services.TryAddSingleton<IOrgKeyProvider>(sp => sp.GetRequiredService<OrgKeyManager>());
        return services;
    }

    /// <summary>Uses the local key file (the embedded default) as the KEK.</summary>
    public static IServiceCollection AddTurenLocalKek(this IServiceCollection services, Action<LocalKekOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<LocalKekOptions> options = services.AddOptions<LocalKekOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(
            o => o.CreateIfMissing || File.Exists(o.ResolveKeyFilePath()),
            "The local KEK file does not exist; run 'turen init' or set CreateIfMissing.").ValidateOnStart();
        services.TryAddSingleton<IKeyEncryptionKey>(sp =>
        {
            LocalKekOptions o = sp.GetRequiredService<IOptions<LocalKekOptions>>().Value;
            string path = o.ResolveKeyFilePath();
            if (o.CreateIfMissing)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                return LocalKeyEncryptionKey.LoadOrCreate(path, o.Passphrase, out _);
            }

            return LocalKeyEncryptionKey.Load(path, o.Passphrase);
        });
        return services;
    }

    private sealed class TurenOptionsValidator(IServiceProviderIsService services) : IValidateOptions<TurenOptions>
    {
        public ValidateOptionsResult Validate(string? name, TurenOptions options)
        {
            var errors = new System.Collections.Generic.List<string>();
            if (options.KeyManager is null)
            {
                errors.Add("KeyManager options are required.");
            }
            else
            {
                errors.AddRange(options.KeyManager.Validate());
            }

            if (!services.IsService(typeof(IKeyEncryptionKey)))
            {
                errors.Add("No key-encryption key is registered: call AddTurenLocalKek() or AddTurenAwsKms().");
            }

            if (!services.IsService(typeof(IOrgKeyStore)))
            {
                errors.Add("No org key store is registered: call AddTurenSqlite() or AddTurenPostgres().");
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
