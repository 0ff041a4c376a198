using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Storage;

/// <summary>Applies a <see cref="SchemaMigrationSet"/> to a <see cref="TurenDatabase"/>, recording each script in <c>turen_schema_migrations</c>.</summary>
internal static class SchemaMigrator
{
    private const string CreateHistoryTable =
        "CREATE TABLE IF NOT EXISTS turen_schema_migrations (" +
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)";

    public static async Task<SchemaMigrationResult> MigrateAsync(TurenDatabase database, CancellationToken cancellationToken)
    {
        SchemaMigrationSet set = database.Migrations;
        DbConnection connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One transaction for the whole run: both engines have transactional DDL, so a failing script leaves the
            // database exactly as it was.
            DbTransaction transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (database.MigrationLockSql is { } lockSql)
                {
                    await ExecuteAsync(connection, transaction, lockSql, cancellationToken).ConfigureAwait(false);
                }

                await ExecuteAsync(connection, transaction, CreateHistoryTable, cancellationToken).ConfigureAwait(false);
                Dictionary<int, string> applied = await ReadHistoryAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                int previous = 0;
                foreach ((int version, string checksum) in applied)
                {
                    previous = Math.Max(previous, version);
                    if (version > set.LatestVersion)
                    {
                        throw new SchemaNotReadyException(
                            $"The {database.EngineName} database has schema version {version}, newer than this SDK's {set.LatestVersion}; upgrade Turen.Sdk.");
                    }

                    SchemaMigration known = set.Migrations[version - 1];
                    if (!string.Equals(known.Checksum, checksum, StringComparison.Ordinal))
                    {
                        throw new SchemaNotReadyException(
                            $"Schema script {version:D4}_{known.Name} was changed after it was applied; add a new numbered script instead.");
                    }
                }

                var newlyApplied = new List<SchemaMigration>();
                foreach (SchemaMigration migration in set.Migrations)
                {
                    if (applied.ContainsKey(migration.Version))
                    {
                        continue;
                    }

                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                    using DbCommand record = TurenDatabase.CreateCommand(
                        connection,
                        transaction,
                        "INSERT INTO turen_schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @at)",
                        ("@version", migration.Version),
                        ("@name", migration.Name),
                        ("@checksum", migration.Checksum),
                        ("@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    newlyApplied.Add(migration);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new SchemaMigrationResult(previous, Math.Max(previous, set.LatestVersion), newlyApplied);
            }
        }
    }

    public static Task<int> GetVersionAsync(TurenDatabase database, CancellationToken cancellationToken) =>
        database.WithConnectionAsync(async (connection, ct) =>
        {
            try
            {
                using DbCommand command = TurenDatabase.CreateCommand(connection, null, "SELECT COALESCE(MAX(version), 0) FROM turen_schema_migrations");
                object? value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return Convert.ToInt32(value, CultureInfo.InvariantCulture);
            }
            catch (DbException ex) when (database.IsUndefinedTable(ex))
            {
                return 0;
            }
        }, cancellationToken);

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using DbCommand command = TurenDatabase.CreateCommand(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<int, string>> ReadHistoryAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        using DbCommand command = TurenDatabase.CreateCommand(connection, transaction, "SELECT version, checksum FROM turen_schema_migrations");
        using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
        }

        return applied;
    }
}
