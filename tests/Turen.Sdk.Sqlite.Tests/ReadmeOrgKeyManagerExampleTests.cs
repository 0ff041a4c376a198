using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Turen.Sdk.Envelope;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Sqlite.Tests;

/// <summary>The README's "Org key manager by example" code, run as written (the home folder moved to a temp folder).</summary>
public sealed class ReadmeOrgKeyManagerExampleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Readme_example_runs()
    {
        byte[] recording = RandomNumberGenerator.GetBytes(10_000);
        using var newKek = LocalKeyEncryptionKey.Generate();

        // The embedded default: a local KEK file and a SQLite store in the Turen home ($TUREN_HOME or ~/.turen).
        TurenHome home = TurenHome.Resolve(_folder.File("home"));
        home.EnsureCreated();                                                          // owner-only folder
        using LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.LoadOrCreate(home.KeyFilePath, passphrase: null, out _);
        var database = new TurenSqliteDatabase(home.DatabasePath);
        await database.MigrateAsync();                                                 // explicit, versioned, idempotent
        using var keyManager = new OrgKeyManager(new SqlOrgKeyStore(database), kek);

        await keyManager.CreateOrgAsync("acme");                                       // v1
        byte[] blob = SessionBlob.Seal(recording, new OrgSessionKeyring(keyManager, "acme"), // under the active DEK
            new SealOptions { OrgId = "acme", SessionId = "sess-42" });
        await keyManager.RotateAsync("acme");                                          // v2 active, v1 still opens
        byte[] plain = SessionBlob.Open(blob, OrgSessionKeyring.ForAnyOrg(keyManager)); // finds org/acme/v1 by itself
        Assert.Equal(recording, plain);
        await keyManager.RetireBelowAsync("acme", 2);                                  // erases v1: its blobs no longer open
        await keyManager.RewrapAsync("acme", newKek);                                  // KEK rotation, DEK bytes unchanged
        Console.WriteLine(keyManager.Statistics);                                      // KEK calls, cache hits/misses/evictions

        Assert.False(SessionBlob.TryOpen(blob, OrgSessionKeyring.ForAnyOrg(keyManager), null, out _));
        WrappedOrgKey active = (await new SqlOrgKeyStore(database).GetActiveAsync("acme"))!;
        Assert.Equal((2, newKek.KeyId), (active.Version, active.KekId));
        Assert.Equal(1, keyManager.Statistics.KekUnwrapCalls);                         // only the rewrap unwrapped (v2)
    }

    [Fact]
    public async Task Readme_service_registration_resolves()
    {
        var services = new ServiceCollection();
        services.AddTuren(o =>
                {
                    o.KeyManager.Cache.TimeToLive = TimeSpan.FromMinutes(10);
                    o.KeyManager.CreateOrgsOnFirstUse = true;
                })
                .AddTurenLocalKek(o => { o.Home = _folder.Path; o.CreateIfMissing = true; })
                .AddTurenSqlite(o => o.Home = _folder.Path);
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<TurenDatabase>().MigrateAsync();
        OrgKeyManager keyManager = provider.GetRequiredService<OrgKeyManager>();
        byte[] blob = SessionBlob.Seal("hello"u8, new OrgSessionKeyring(keyManager, "acme"), new SealOptions { OrgId = "acme", SessionId = "s" });
        Assert.Equal("hello"u8.ToArray(), SessionBlob.Open(blob, OrgSessionKeyring.ForAnyOrg(keyManager)));
    }

    public void Dispose() => _folder.Dispose();
}
