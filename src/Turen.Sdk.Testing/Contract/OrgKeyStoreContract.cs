using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Testing.Contract;

/// <summary>
/// The behaviour every <see cref="IOrgKeyStore"/> must have, run against each engine by a derived class (SQLite always;
/// PostgreSQL, marked <see cref="PostgresStoreAttribute"/>, where its server binaries are installed or under CI).
/// </summary>
public abstract class OrgKeyStoreContract
{
    private static readonly byte[] Wrapped = { 1, 2, 3, 4, 5 };

    /// <summary>A new, empty database (no schema).</summary>
    protected abstract Task<TurenDatabase> CreateEmptyDatabaseAsync();

    private async Task<(TurenDatabase Database, SqlOrgKeyStore Store)> CreateStoreAsync()
    {
        TurenDatabase database = await CreateEmptyDatabaseAsync();
        await database.MigrateAsync();
        return (database, new SqlOrgKeyStore(database));
    }

    private static WrappedOrgKey Row(string org, int version, OrgKeyStatus status = OrgKeyStatus.Active, string kek = "kek-a") =>
        new(org, version, status, kek, Wrapped, new DateTimeOffset(2026, 11, 29, 3, 4, 5, 678, TimeSpan.Zero));

    private static Task<int> ExecuteAsync(TurenDatabase database, string sql) =>
        database.WithConnectionAsync(async (c, ct) =>
        {
            using DbCommand command = TurenDatabase.CreateCommand(c, null, sql);
            return await command.ExecuteNonQueryAsync(ct);
        });

    [StoreFact]
    public async Task Migrate_creates_the_schema_once_and_records_its_version()
    {
        TurenDatabase database = await CreateEmptyDatabaseAsync();
        Assert.Equal(0, await database.GetSchemaVersionAsync());

        SchemaMigrationResult first = await database.MigrateAsync();
        SchemaMigrationResult second = await database.MigrateAsync();

        Assert.Equal(0, first.PreviousVersion);
        Assert.Equal(database.Migrations.LatestVersion, first.CurrentVersion);
        Assert.Equal(database.Migrations.Migrations.Select(m => m.Version), first.Applied.Select(m => m.Version));
        Assert.Empty(second.Applied);
        Assert.Equal(database.Migrations.LatestVersion, second.PreviousVersion);
        Assert.Equal(database.Migrations.LatestVersion, await database.GetSchemaVersionAsync());
    }

    [StoreFact]
    public async Task Concurrent_migrations_apply_each_script_once()
    {
        TurenDatabase database = await CreateEmptyDatabaseAsync();

        SchemaMigrationResult[] results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => database.MigrateAsync())));

        Assert.Equal(database.Migrations.Migrations.Count, results.Sum(r => r.Applied.Count));
        Assert.Equal(database.Migrations.LatestVersion, await database.GetSchemaVersionAsync());
    }

    [StoreFact]
    public async Task A_store_without_schema_says_to_migrate()
    {
        var store = new SqlOrgKeyStore(await CreateEmptyDatabaseAsync());

        SchemaNotReadyException ex = await Assert.ThrowsAsync<SchemaNotReadyException>(() => store.GetActiveAsync("acme"));
        Assert.Contains("MigrateAsync", ex.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task An_edited_applied_script_is_detected()
    {
        (TurenDatabase database, _) = await CreateStoreAsync();
        await ExecuteAsync(database, "UPDATE turen_schema_migrations SET checksum = 'edited' WHERE version = 1");

        SchemaNotReadyException ex = await Assert.ThrowsAsync<SchemaNotReadyException>(() => database.MigrateAsync());
        Assert.Contains("changed after it was applied", ex.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task A_newer_schema_than_the_sdk_knows_is_refused()
    {
        (TurenDatabase database, _) = await CreateStoreAsync();
        await ExecuteAsync(database, "INSERT INTO turen_schema_migrations (version, name, checksum, applied_at) VALUES (999, 'future', 'x', 'now')");

        await Assert.ThrowsAsync<SchemaNotReadyException>(() => database.MigrateAsync());
    }

    [StoreFact]
    public async Task Create_stores_version_one_and_refuses_a_second_create()
    {
        (_, SqlOrgKeyStore store) = await CreateStoreAsync();

        Assert.True(await store.TryCreateAsync(Row("acme", 1)));
        Assert.False(await store.TryCreateAsync(Row("acme", 1, kek: "kek-b")));

        WrappedOrgKey active = Assert.IsType<WrappedOrgKey>(await store.GetActiveAsync("acme"));
        Assert.Equal("acme", active.OrgId);
        Assert.Equal(1, active.Version);
        Assert.Equal(OrgKeyStatus.Active, active.Status);
        Assert.Equal("kek-a", active.KekId);
        Assert.Equal(Wrapped, active.WrappedKey.ToArray());
        Assert.Equal(Row("acme", 1).CreatedAt, active.CreatedAt);
        Assert.Equal(active, await store.GetAsync("acme", 1) is { } got ? got with { WrappedKey = active.WrappedKey } : null);
    }

    [StoreFact]
    public async Task Create_rejects_anything_but_an_active_version_one()
    {
        (_, SqlOrgKeyStore store) = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.TryCreateAsync(Row("acme", 2)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryCreateAsync(Row("acme", 1, OrgKeyStatus.Previous)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryCreateAsync(Row("acme", 1) with { WrappedKey = ReadOnlyMemory<byte>.Empty }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryCreateAsync(Row("a/b", 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetActiveAsync("bad org"));
    }

    [StoreFact]
    public async Task Unknown_orgs_and_versions_read_as_absent()
    {
        (_, SqlOrgKeyStore store) = await CreateStoreAsync();

        Assert.Null(await store.GetActiveAsync("nobody"));
        Assert.Null(await store.GetAsync("nobody", 1));
        Assert.Empty(await store.ListVersionsAsync("nobody"));
        Assert.Empty(await store.ListOrgsAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RetireBelowAsync("nobody", 1));
    }

    [StoreFact]
    public async Task Rotate_is_a_compare_and_set_on_the_active_version()
    {
        (_, SqlOrgKeyStore store) = await CreateStoreAsync();
        await store.TryCreateAsync(Row("acme", 1));

        Assert.False(await store.TryRotateAsync(Row("acme", 3)));
        Assert.True(await store.TryRotateAsync(Row("acme", 2)));
        Assert.False(await store.TryRotateAsync(Row("acme", 2, kek: "kek-b")));
        Assert.False(await store.TryRotateAsync(Row("other", 2)));

        IReadOnlyList<WrappedOrgKey> versions = await store.ListVersionsAsync("acme");
        Assert.Equal(new[] { (1, OrgKeyStatus.Previous), (2, OrgKeyStatus.Active) }, versions.Select(v => (v.Version, v.Status)));
        Assert.Equal("kek-a", versions[1].KekId);
        Assert.Equal(2, (await store.GetActiveAsync("acme"))!.Version);
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryRotateAsync(Row("acme", 1)));
    }

    [StoreFact]
    public async Task The_database_itself_refuses_a_second_active_version()
    {
        (TurenDatabase database, SqlOrgKeyStore store) = await CreateStoreAsync();
        await store.TryCreateAsync(Row("acme", 1));
        await store.TryRotateAsync(Row("acme", 2));

        await Assert.ThrowsAnyAsync<DbException>(() =>
            ExecuteAsync(database, "UPDATE turen_org_data_keys SET status = 'active' WHERE org_id = 'acme' AND version = 1"));
        await Assert.ThrowsAnyAsync<DbException>(() =>
            ExecuteAsync(database, "UPDATE turen_org_data_keys SET wrapped_key = X'' WHERE org_id = 'acme' AND version = 1".Replace("X''", EmptyBlobLiteral, StringComparison.Ordinal)));
        Assert.Equal(2, (await store.GetActiveAsync("acme"))!.Version);
    }

    /// <summary>The SQL literal of an empty blob in this engine.</summary>
    protected virtual string EmptyBlobLiteral => "X''";

    [StoreFact]
    public async Task Orgs_are_listed_in_ordinal_order()
    {
        (_, SqlOrgKeyStore store) = await CreateStoreAsync();
        foreach (string org in new[] { "beta", "Alpha", "alpha", "a-1" })
        {
            await store.TryCreateAsync(Row(org, 1));
        }

        await store.TryRotateAsync(Row("beta", 2));

        Assert.Equal(new[] { "Alpha", "a-1", "alpha", "beta" }, await store.ListOrgsAsync());
    }

    [StoreFact]
    public async Task Retire_erases_previous_versions_below_the_minimum_only()
    {
        (_, SqlOrgKeyStore store) = await CreateStoreAsync();
        await store.TryCreateAsync(Row("acme", 1));
        await store.TryRotateAsync(Row("acme", 2));
        await store.TryRotateAsync(Row("acme", 3));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RetireBelowAsync("acme", 4));
        Assert.Equal(2, await store.RetireBelowAsync("acme", 3));
        Assert.Equal(0, await store.RetireBelowAsync("acme", 3));

        WrappedOrgKey retired = (await store.GetAsync("acme", 1))!;
        Assert.Equal(OrgKeyStatus.Retired, retired.Status);
        Assert.True(retired.WrappedKey.IsEmpty);
        Assert.Equal(OrgKeyStatus.Active, (await store.GetAsync("acme", 3))!.Status);
        Assert.Equal(Wrapped, (await store.GetAsync("acme", 3))!.WrappedKey.ToArray());
    }

    [StoreFact]
    public async Task Replace_wrapping_is_a_compare_and_set_on_the_kek_id()
    {
        (_, SqlOrgKeyStore store) = await CreateStoreAsync();
        await store.TryCreateAsync(Row("acme", 1));
        await store.TryRotateAsync(Row("acme", 2));
        await store.RetireBelowAsync("acme", 2);

        Assert.False(await store.TryReplaceWrappingAsync("acme", 2, "kek-x", "kek-b", new byte[] { 9 }));
        Assert.True(await store.TryReplaceWrappingAsync("acme", 2, "kek-a", "kek-b", new byte[] { 9 }));
        Assert.False(await store.TryReplaceWrappingAsync("acme", 2, "kek-a", "kek-c", new byte[] { 8 }));
        Assert.False(await store.TryReplaceWrappingAsync("acme", 1, "kek-a", "kek-b", new byte[] { 9 }));
        Assert.False(await store.TryReplaceWrappingAsync("acme", 7, "kek-a", "kek-b", new byte[] { 9 }));

        WrappedOrgKey row = (await store.GetAsync("acme", 2))!;
        Assert.Equal(("kek-b", OrgKeyStatus.Active), (row.KekId, row.Status));
        Assert.Equal(new byte[] { 9 }, row.WrappedKey.ToArray());
    }

    [StoreFact]
    public async Task Thirty_two_concurrent_get_or_create_calls_create_exactly_one_key()
    {
        (TurenDatabase database, SqlOrgKeyStore _) = await CreateStoreAsync();
        using var kek = LocalKeyEncryptionKey.Generate();

        // A key manager per caller, as 32 processes would have: only the database can keep them from creating two keys.
        OrgDataKey[] leases = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            using var keyManager = new OrgKeyManager(new SqlOrgKeyStore(database), kek);
            return await keyManager.GetOrCreateActiveKeyAsync("newco");
        })));

        try
        {
            var store = new SqlOrgKeyStore(database);
            WrappedOrgKey only = Assert.Single(await store.ListVersionsAsync("newco"));
            Assert.Equal((1, OrgKeyStatus.Active), (only.Version, only.Status));
            using OrgDataKey stored = await kek.UnwrapAsync(only.Context, only.WrappedKey);
            Assert.All(leases, lease => Assert.True(lease.KeyBytes.SequenceEqual(stored.KeyBytes)));
        }
        finally
        {
            foreach (OrgDataKey lease in leases)
            {
                lease.Dispose();
            }
        }
    }

    [StoreFact]
    public async Task Concurrent_rotations_yield_increasing_versions_with_one_active_and_none_lost()
    {
        (TurenDatabase database, SqlOrgKeyStore store) = await CreateStoreAsync();
        using var kek = LocalKeyEncryptionKey.Generate();
        using (var setup = new OrgKeyManager(store, kek))
        {
            Assert.True(await setup.CreateOrgAsync("busy"));
        }

        const int Rotations = 16;
        int[] versions = await Task.WhenAll(Enumerable.Range(0, Rotations).Select(_ => Task.Run(async () =>
        {
            using var keyManager = new OrgKeyManager(new SqlOrgKeyStore(database), kek, new OrgKeyManagerOptions { MaxRotationAttempts = 1000 });
            return await keyManager.RotateAsync("busy");
        })));

        Assert.Equal(Enumerable.Range(2, Rotations), versions.OrderBy(v => v));
        IReadOnlyList<WrappedOrgKey> rows = await store.ListVersionsAsync("busy");
        Assert.Equal(Enumerable.Range(1, Rotations + 1), rows.Select(r => r.Version));
        WrappedOrgKey active = Assert.Single(rows, r => r.Status == OrgKeyStatus.Active);
        Assert.Equal(Rotations + 1, active.Version);

        // Every version is a distinct key that still unwraps for its own org and version.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (WrappedOrgKey row in rows)
        {
            using OrgDataKey key = await kek.UnwrapAsync(row.Context, row.WrappedKey);
            Assert.True(seen.Add(Convert.ToHexString(SHA256.HashData(key.KeyBytes))));
        }
    }

    [StoreFact]
    public async Task A_key_ring_over_the_store_rewraps_under_a_new_kek_without_changing_keys()
    {
        (_, SqlOrgKeyStore store) = await CreateStoreAsync();
        using var oldKek = LocalKeyEncryptionKey.Generate();
        using var newKek = LocalKeyEncryptionKey.Generate();
        byte[] v1, v2;
        using (var keyManager = new OrgKeyManager(store, oldKek))
        {
            await keyManager.CreateOrgAsync("acme");
            await keyManager.RotateAsync("acme");
            using OrgDataKey k1 = await keyManager.GetKeyAsync("acme", 1);
            using OrgDataKey k2 = await keyManager.GetKeyAsync("acme", 2);
            v1 = k1.KeyBytes.ToArray();
            v2 = k2.KeyBytes.ToArray();
            Assert.Equal(2, await keyManager.RewrapAsync("acme", newKek));
            Assert.Equal(0, await keyManager.RewrapAsync("acme", newKek));
        }

        Assert.All(await store.ListVersionsAsync("acme"), r => Assert.Equal(newKek.KeyId, r.KekId));
        using var after = new OrgKeyManager(store, newKek);
        using OrgDataKey r1 = await after.GetKeyAsync("acme", 1);
        using OrgDataKey r2 = await after.GetKeyAsync("acme", 2);
        Assert.Equal(v1, r1.KeyBytes.ToArray());
        Assert.Equal(v2, r2.KeyBytes.ToArray());
        using var stale = new OrgKeyManager(store, oldKek);
        await Assert.ThrowsAsync<KeyUnwrapException>(async () => await stale.GetKeyAsync("acme", 1));
    }
}
