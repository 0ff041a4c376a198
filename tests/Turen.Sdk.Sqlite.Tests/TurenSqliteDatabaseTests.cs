using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Sqlite.Tests;

public sealed class TurenSqliteDatabaseTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_missing_folder_is_reported_instead_of_created()
    {
        var database = new TurenSqliteDatabase(Path.Combine(_folder.Path, "missing", "turen.db"));

        DirectoryNotFoundException ex = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => database.MigrateAsync());
        Assert.Contains("turen init", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_scripts_are_embedded_and_numbered()
    {
        var database = new TurenSqliteDatabase(_folder.File("turen.db"));

        SchemaMigration first = database.Migrations.Migrations[0];
        Assert.Equal((1, "org_data_keys"), (first.Version, first.Name));
        Assert.Contains("turen_org_data_keys_one_active", first.Sql, StringComparison.Ordinal);
        Assert.Equal(64, first.Checksum.Length);
        Assert.Equal("sqlite:" + database.Path, database.ToString());
        await database.MigrateAsync();
        Assert.True(File.Exists(database.Path));
        string mode = await database.WithConnectionAsync(async (c, ct) =>
        {
            using System.Data.Common.DbCommand command = TurenDatabase.CreateCommand(c, null, "PRAGMA journal_mode");
            return (string)(await command.ExecuteScalarAsync(ct))!;
        });
        Assert.Equal("wal", mode);
    }

    [Fact]
    public async Task AddTuren_with_local_kek_and_sqlite_resolves_a_working_key_manager()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTuren(o => o.KeyManager.CreateOrgsOnFirstUse = true)
            .AddTurenLocalKek(o => { o.Home = _folder.Path; o.CreateIfMissing = true; })
            .AddTurenSqlite(o => o.Home = _folder.Path);
        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<TurenDatabase>().MigrateAsync();
        IOrgKeyProvider keys = provider.GetRequiredService<IOrgKeyProvider>();
        using OrgDataKey active = await keys.GetActiveKeyAsync("acme");

        Assert.Equal(1, active.Version);
        Assert.Same(provider.GetRequiredService<OrgKeyManager>(), keys);
        Assert.True(File.Exists(Path.Combine(_folder.Path, TurenHome.KeyFileName)));
        Assert.True(File.Exists(Path.Combine(_folder.Path, TurenHome.DatabaseFileName)));
    }

    [Fact]
    public void Start_up_validation_names_what_is_missing()
    {
        var services = new ServiceCollection();
        services.AddTuren(o => o.KeyManager.Cache.MaxEntries = 0)
            .AddTurenLocalKek(o => o.KeyFilePath = _folder.File("absent.key"))
            .AddTurenSqlite(o => o.DatabasePath = Path.Combine(_folder.Path, "no-such-folder", "turen.db"));
        using ServiceProvider provider = services.BuildServiceProvider();

        AggregateException ex = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        string all = string.Join("\n", ex.InnerExceptions);
        Assert.Contains("MaxEntries", all, StringComparison.Ordinal);
        Assert.Contains("turen init", all, StringComparison.Ordinal);
        Assert.Contains("SQLite database", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_validation_requires_a_kek_and_a_store()
    {
        var services = new ServiceCollection();
        services.AddTuren();
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("AddTurenLocalKek", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddTurenSqlite", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
