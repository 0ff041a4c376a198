using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Turen.Sdk.Credentials;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Sqlite.Tests;

public sealed class ApiKeyServiceRegistrationTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AddTurenApiKeys_over_sqlite_creates_and_verifies_keys()
    {
        var services = new ServiceCollection();
        services.AddTurenSqlite(o => o.DatabasePath = _folder.Combine("turen.db"))
            .AddTurenApiKeys(_ => ApiKeyHashKey.Generate());
        await using ServiceProvider provider = services.BuildServiceProvider();
        await provider.GetRequiredService<TurenDatabase>().MigrateAsync();

        ApiKeyService keys = provider.GetRequiredService<ApiKeyService>();
        Assert.IsType<SqlApiKeyStore>(provider.GetRequiredService<IApiKeyStore>());
        using CreatedApiKey created = await keys.CreateAsync("ci");
        Assert.True((await keys.VerifyAsync(created.Key.Reveal())).IsValid);
        Assert.Same(keys, provider.GetRequiredService<ApiKeyService>());
    }

    [Fact]
    public void A_registered_store_is_kept()
    {
        var services = new ServiceCollection();
        var store = new InMemoryApiKeyStore();
        services.AddSingleton<IApiKeyStore>(store).AddTurenApiKeys(_ => ApiKeyHashKey.Generate());
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Same(store, provider.GetRequiredService<IApiKeyStore>());
        Assert.NotNull(provider.GetRequiredService<ApiKeyService>());
    }
}
