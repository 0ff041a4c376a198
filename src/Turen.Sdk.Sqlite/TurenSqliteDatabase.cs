using System;
using System.Data.Common;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Sqlite;

/// <summary>
/// A SQLite database file holding Turen's tables (the embedded default: <c>~/.turen/turen.db</c>). Connections use
/// WAL journaling and a busy timeout so that several processes can share the file.
/// </summary>
public sealed class TurenSqliteDatabase : TurenDatabase
{
    private static readonly Lazy<SchemaMigrationSet> Scripts = new(() => SchemaMigrationSet.FromEmbeddedScripts(typeof(TurenSqliteDatabase).Assembly));

    private readonly string _connectionString;
    private int _walEnabled;

    /// <summary>Uses the database file at <paramref name="path"/> (created on first connection).</summary>
    public TurenSqliteDatabase(string path, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(30);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>How long a statement waits for another writer before failing.</summary>
    public TimeSpan BusyTimeout { get; }

    /// <inheritdoc/>
    public override SchemaMigrationSet Migrations => Scripts.Value;

    /// <inheritdoc/>
    public override string EngineName => "sqlite";

    /// <inheritdoc/>
    public override string? MigrationLockSql => null;

    /// <inheritdoc/>
    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        string? folder = System.IO.Path.GetDirectoryName(Path);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder of the SQLite database '{Path}' does not exist; run 'turen init'.");
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using SqliteCommand pragmas = connection.CreateCommand();
            // WAL lets readers and one writer work at once; the mode is stored in the file, so it is set once per
            // instance, while the busy timeout belongs to each connection.
            pragmas.CommandText = Volatile.Read(ref _walEnabled) == 0
                ? $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL;"
                : $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};";
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _walEnabled, 1);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public override bool IsUndefinedTable(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 1 } && exception.Message.Contains("no such table", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => "sqlite:" + Path;
}
