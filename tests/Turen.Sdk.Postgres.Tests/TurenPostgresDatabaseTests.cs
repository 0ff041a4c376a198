using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class TurenPostgresDatabaseTests(PostgresServerFixture fixture)
{
    [PostgresFact]
    public async Task AddTurenPostgres_resolves_a_working_key_manager()
    {
        string connectionString = fixture.CreateDatabase();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTuren(o => o.KeyManager.CreateOrgsOnFirstUse = true)
            .AddSingleton<IKeyEncryptionKey>(LocalKeyEncryptionKey.Generate())
            .AddTurenPostgres(o => o.ConnectionString = connectionString);
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<TurenDatabase>().MigrateAsync();
        using OrgDataKey key = await provider.GetRequiredService<IOrgKeyProvider>().GetActiveKeyAsync("acme");

        Assert.Equal(("acme", 1), (key.OrgId, key.Version));
        Assert.StartsWith("postgresql://127.0.0.1:", provider.GetRequiredService<TurenPostgresDatabase>().ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a connection string")]
    [InlineData("Database=turen")]
    public void Start_up_validation_rejects_a_bad_connection_string(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddTurenPostgres(o => o.ConnectionString = connectionString);
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("ConnectionString", ex.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_server_that_cannot_be_reached_fails_with_a_database_error_not_a_hang()
    {
        var database = new TurenPostgresDatabase($"Host=127.0.0.1;Port={fixture.Server.Port};Username=postgres;Database=does_not_exist;Timeout=5");
        var store = new SqlOrgKeyStore(database);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.GetActiveAsync("acme"));
    }
}
