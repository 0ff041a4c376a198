using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk;
using Turen.Sdk.IO;
using Turen.Sdk.Keys;
using Turen.Sdk.Sqlite;
using Turen.Sdk.Storage;

namespace Turen.Cli;

/// <summary>
/// The local default key manager of the CLI: the Turen home folder with its key file (<c>kek.key</c>) and SQLite store
/// (<c>turen.db</c>). <see cref="InitializeAsync"/> creates what is missing (idempotent); <see cref="OpenAsync"/> needs an
/// initialised home. A passphrase for a sealed key file comes from <c>TUREN_PASSPHRASE</c>.
/// </summary>
internal sealed class LocalKeyManager : IDisposable
{
    public const string PassphraseVariable = "TUREN_PASSPHRASE";

    /// <summary>A KEK being rotated in (<c>turen org rewrap</c>); present only while a rotation is unfinished.</summary>
    public const string NextKeyFileName = "kek.next.key";

    private readonly List<LocalKeyEncryptionKey> _keks;

    private LocalKeyManager(TurenHome home, List<LocalKeyEncryptionKey> keks, TurenSqliteDatabase database)
    {
        Home = home;
        _keks = keks;
        Database = database;
        Store = new SqlOrgKeyStore(database);
        KeyManager = new OrgKeyManager(Store, keks[0], additionalKeks: keks.GetRange(1, keks.Count - 1));
    }

    public TurenHome Home { get; }

    public LocalKeyEncryptionKey Kek => _keks[0];

    public TurenSqliteDatabase Database { get; }

    public SqlOrgKeyStore Store { get; }

    public OrgKeyManager KeyManager { get; }

    public static string? Passphrase => Environment.GetEnvironmentVariable(PassphraseVariable) is { Length: > 0 } p ? p : null;

    /// <summary>Creates the home folder, key file and schema where missing; reports each thing it created.</summary>
    public static async Task<(LocalKeyManager Keys, bool Created)> InitializeAsync(string? home, TextWriter announce, CancellationToken cancellationToken)
    {
        TurenHome resolved = TurenHome.Resolve(home);
        bool folderCreated = resolved.EnsureCreated();
        LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.LoadOrCreate(resolved.KeyFilePath, Passphrase, out bool keyCreated);
        var database = new TurenSqliteDatabase(resolved.DatabasePath);
        SchemaMigrationResult schema;
        try
        {
            schema = await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            kek.Dispose();
            throw;
        }

        bool created = folderCreated || keyCreated || schema.Applied.Count > 0;
        if (created)
        {
            await announce.WriteLineAsync($"initialised Turen home {resolved.Path}").ConfigureAwait(false);
            if (keyCreated)
            {
                string sealedNote = Passphrase is null ? "owner-only" : "owner-only, sealed with TUREN_PASSPHRASE (Argon2id)";
                await announce.WriteLineAsync($"  key-encryption key {kek.KeyId} in {resolved.KeyFilePath} ({sealedNote})").ConfigureAwait(false);
            }

            if (schema.Applied.Count > 0)
            {
                await announce.WriteLineAsync($"  key store {resolved.DatabasePath} (SQLite, schema v{schema.CurrentVersion})").ConfigureAwait(false);
            }
        }

        return (new LocalKeyManager(resolved, WithPendingKek(resolved, kek), database), created);
    }

    /// <summary>Opens an initialised home.</summary>
    /// <exception cref="EnvironmentException">The home is not initialised or its key store is out of date.</exception>
    public static async Task<LocalKeyManager> OpenAsync(string? home, CancellationToken cancellationToken)
    {
        TurenHome resolved = TurenHome.Resolve(home);
        if (!resolved.IsInitialized)
        {
            throw new EnvironmentException($"the Turen home {resolved.Path} is not initialised; run 'turen init' first");
        }

        var database = new TurenSqliteDatabase(resolved.DatabasePath);
        int version = await database.GetSchemaVersionAsync(cancellationToken).ConfigureAwait(false);
        if (version < database.Migrations.LatestVersion)
        {
            throw new EnvironmentException($"the key store in {resolved.Path} is at schema v{version}, v{database.Migrations.LatestVersion} is needed; run 'turen init'");
        }

        LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.Load(resolved.KeyFilePath, Passphrase);
        return new LocalKeyManager(resolved, WithPendingKek(resolved, kek), database);
    }

    /// <summary>Replaces the key file by <paramref name="next"/> (the final step of a KEK rotation).</summary>
    public static void PromoteNextKek(TurenHome home)
    {
        string next = Path.Combine(home.Path, NextKeyFileName);
        AtomicFile.Replace(next, home.KeyFilePath);
    }

    public void Dispose()
    {
        KeyManager.Dispose();
        foreach (LocalKeyEncryptionKey kek in _keks)
        {
            kek.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static List<LocalKeyEncryptionKey> WithPendingKek(TurenHome home, LocalKeyEncryptionKey kek)
    {
        var keks = new List<LocalKeyEncryptionKey> { kek };
        string next = Path.Combine(home.Path, NextKeyFileName);
        if (File.Exists(next))
        {
            // An interrupted 'org rewrap' left some DEKs under the next KEK: keep them readable.
            keks.Add(LocalKeyEncryptionKey.Load(next, Passphrase));
        }

        return keks;
    }
}
