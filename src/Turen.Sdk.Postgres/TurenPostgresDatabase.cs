using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Postgres;

/// <summary>
/// A PostgreSQL database holding Turen's tables (the production store). Schema migrations take a transaction-scoped
/// advisory lock, so several instances starting at once migrate one after another.
/// </summary>
public sealed class TurenPostgresDatabase : TurenDatabase, IAsyncDisposable, IDisposable
{
    /// <summary>The advisory lock key migrations hold ("TURN" in ASCII).</summary>
    public const long MigrationLockKey = 0x5455524E;

    private static readonly Lazy<SchemaMigrationSet> Scripts = new(() => SchemaMigrationSet.FromEmbeddedScripts(typeof(TurenPostgresDatabase).Assembly));

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    /// <summary>Uses a data source built from <paramref name="connectionString"/> (owned and disposed by this object).</summary>
    public TurenPostgresDatabase(string connectionString)
        : this(NpgsqlDataSource.Create(connectionString ?? throw new ArgumentNullException(nameof(connectionString))), ownsDataSource: true)
    {
    }

    /// <summary>Uses an existing data source (not disposed by this object unless <paramref name="ownsDataSource"/>).</summary>
    public TurenPostgresDatabase(NpgsqlDataSource dataSource, bool ownsDataSource = false)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
    }

    /// <inheritdoc/>
    public override SchemaMigrationSet Migrations => Scripts.Value;

    /// <inheritdoc/>
    public override string EngineName => "postgresql";

    /// <inheritdoc/>
    public override string? MigrationLockSql => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    /// <inheritdoc/>
    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public override bool IsUndefinedTable(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable };

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Names the server and database without the password.</summary>
    public override string ToString()
    {
        var builder = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
        return $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
