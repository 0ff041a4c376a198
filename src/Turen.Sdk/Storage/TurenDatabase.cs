using System;
using System.Data;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Storage;

/// <summary>
/// A database Turen keeps its tables in, with the few things that differ between engines: how to open a connection,
/// how to serialize schema migrations and how to recognise a missing table. The stores (<see cref="SqlOrgKeyStore"/>,
/// and later the API-key store) and the migration runner use only this type, so every table works on every engine.
/// </summary>
/// <remarks>
/// Implementations: <c>TurenSqliteDatabase</c> (Turen.Sdk.Sqlite) and <c>TurenPostgresDatabase</c> (Turen.Sdk.Postgres).
/// SQL written for Turen tables sticks to the common subset of SQLite and PostgreSQL (named <c>@parameters</c>,
/// <c>INSERT … ON CONFLICT DO NOTHING</c>, partial unique indexes).
/// </remarks>
public abstract class TurenDatabase
{
    /// <summary>The numbered schema scripts of this engine.</summary>
    public abstract SchemaMigrationSet Migrations { get; }

    /// <summary>A short engine name for messages, e.g. <c>sqlite</c>.</summary>
    public abstract string EngineName { get; }

    /// <summary>Opens a new connection; the caller disposes it.</summary>
    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// SQL run first inside the migration transaction so that concurrent migrators queue up (PostgreSQL: an advisory
    /// lock); null when opening a write transaction already serializes writers (SQLite).
    /// </summary>
    public abstract string? MigrationLockSql { get; }

    /// <summary>True when <paramref name="exception"/> says a table does not exist (the schema was never created).</summary>
    public abstract bool IsUndefinedTable(DbException exception);

    /// <summary>Creates or upgrades the schema to <see cref="SchemaMigrationSet.LatestVersion"/>; safe to run concurrently and repeatedly.</summary>
    /// <exception cref="SchemaNotReadyException">The database has a newer schema than this SDK, or an applied script was edited.</exception>
    public Task<SchemaMigrationResult> MigrateAsync(CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(this, cancellationToken);

    /// <summary>The schema version recorded in the database (0 when no script has run).</summary>
    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default) =>
        SchemaMigrator.GetVersionAsync(this, cancellationToken);

    /// <summary>Runs <paramref name="work"/> on an open connection.</summary>
    public async Task<T> WithConnectionAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        DbConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await work(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex) when (IsUndefinedTable(ex))
            {
                throw SchemaMissing(ex);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a read-committed write transaction and commits when it returns <c>commit: true</c>;
    /// otherwise, or when it throws, rolls back so nothing is half-written.
    /// </summary>
    public Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<(bool Commit, T Result)>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WithConnectionAsync(async (connection, ct) =>
        {
            DbTransaction transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                (bool commit, T result) = await work(connection, transaction, ct).ConfigureAwait(false);
                if (commit)
                {
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                }
                else
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                }

                return result;
            }
        }, cancellationToken);
    }

    /// <summary>Creates a command on <paramref name="connection"/> with named parameters (<c>@name</c>, value pairs).</summary>
    public static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private SchemaNotReadyException SchemaMissing(Exception inner) =>
        new($"The Turen tables do not exist in this {EngineName} database; create them with MigrateAsync() or 'turen init'.", inner);
}
