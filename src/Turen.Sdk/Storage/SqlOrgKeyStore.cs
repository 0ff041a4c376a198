using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Storage;

/// <summary>
/// The <see cref="IOrgKeyStore"/> over any <see cref="TurenDatabase"/> (SQLite or PostgreSQL), table
/// <c>turen_org_data_keys</c>. Primary key (org, version); a partial unique index allows one active row per org.
/// </summary>
public sealed class SqlOrgKeyStore : IOrgKeyStore
{
    private const string Columns = "org_id, version, status, kek_id, wrapped_key, created_at";

    private readonly TurenDatabase _database;

    /// <summary>Creates the store; the schema must have been created with <see cref="TurenDatabase.MigrateAsync"/>.</summary>
    public SqlOrgKeyStore(TurenDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc/>
    public Task<WrappedOrgKey?> GetActiveAsync(string orgId, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(orgId);
        return _database.WithConnectionAsync(
            (connection, ct) => ReadOneAsync(connection, $"SELECT {Columns} FROM turen_org_data_keys WHERE org_id = @org AND status = 'active'", ct, ("@org", orgId)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<WrappedOrgKey?> GetAsync(string orgId, int version, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(orgId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return _database.WithConnectionAsync(
            (connection, ct) => ReadOneAsync(connection, $"SELECT {Columns} FROM turen_org_data_keys WHERE org_id = @org AND version = @version", ct, ("@org", orgId), ("@version", version)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WrappedOrgKey>> ListVersionsAsync(string orgId, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(orgId);
        return _database.WithConnectionAsync(async (connection, ct) =>
        {
            using DbCommand command = TurenDatabase.CreateCommand(connection, null, $"SELECT {Columns} FROM turen_org_data_keys WHERE org_id = @org ORDER BY version", ("@org", orgId));
            using DbDataReader reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var keys = new List<WrappedOrgKey>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                keys.Add(Read(reader));
            }

            return (IReadOnlyList<WrappedOrgKey>)keys;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListOrgsAsync(CancellationToken cancellationToken = default) =>
        _database.WithConnectionAsync(async (connection, ct) =>
        {
            using DbCommand command = TurenDatabase.CreateCommand(connection, null, "SELECT DISTINCT org_id FROM turen_org_data_keys");
            using DbDataReader reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var orgs = new List<string>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                orgs.Add(reader.GetString(0));
            }

            // Sorted here rather than in SQL so that the order is ordinal whatever the database collation.
            orgs.Sort(StringComparer.Ordinal);
            return (IReadOnlyList<string>)orgs;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> TryCreateAsync(WrappedOrgKey key, CancellationToken cancellationToken = default)
    {
        Check(key);
        if (key.Version != 1 || key.Status != OrgKeyStatus.Active)
        {
            throw new ArgumentException("The first key of an org is version 1 and active.", nameof(key));
        }

        // ON CONFLICT without a target covers both the primary key and the one-active index: exactly one creator wins.
        return _database.WithConnectionAsync(async (connection, ct) =>
            await InsertAsync(connection, null, key, ct).ConfigureAwait(false), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> TryRotateAsync(WrappedOrgKey next, CancellationToken cancellationToken = default)
    {
        Check(next);
        if (next.Version < 2 || next.Status != OrgKeyStatus.Active)
        {
            throw new ArgumentException("A rotated key is active and has a version above 1.", nameof(next));
        }

        return _database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            // Compare-and-set on the current active row: a concurrent rotation that committed first makes this match
            // nothing (PostgreSQL re-checks the WHERE clause after the row lock is released; SQLite serializes writers).
            using DbCommand demote = TurenDatabase.CreateCommand(
                connection,
                transaction,
                "UPDATE turen_org_data_keys SET status = 'previous' WHERE org_id = @org AND version = @version AND status = 'active'",
                ("@org", next.OrgId),
                ("@version", next.Version - 1));
            if (await demote.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
            {
                return (false, false);
            }

            bool inserted = await InsertAsync(connection, transaction, next, ct).ConfigureAwait(false);
            return (inserted, inserted);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> TryReplaceWrappingAsync(string orgId, int version, string expectedKekId, string newKekId, ReadOnlyMemory<byte> newWrappedKey, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(orgId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentException.ThrowIfNullOrEmpty(expectedKekId);
        ArgumentException.ThrowIfNullOrEmpty(newKekId);
        if (newWrappedKey.IsEmpty)
        {
            throw new ArgumentException("The wrapped key must not be empty.", nameof(newWrappedKey));
        }

        return _database.WithConnectionAsync(async (connection, ct) =>
        {
            using DbCommand command = TurenDatabase.CreateCommand(
                connection,
                null,
                "UPDATE turen_org_data_keys SET kek_id = @new_kek, wrapped_key = @wrapped " +
                "WHERE org_id = @org AND version = @version AND kek_id = @old_kek AND status <> 'retired'",
                ("@new_kek", newKekId),
                ("@wrapped", newWrappedKey.ToArray()),
                ("@org", orgId),
                ("@version", version),
                ("@old_kek", expectedKekId));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<int> RetireBelowAsync(string orgId, int minimumVersion, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(orgId);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumVersion, 1);
        return _database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            // Retire by demoting only non-active rows; the active row is excluded so a racing rotation cannot make this
            // erase the key new blobs are sealed under.
            using DbCommand active = TurenDatabase.CreateCommand(
                connection, transaction, "SELECT version FROM turen_org_data_keys WHERE org_id = @org AND status = 'active'", ("@org", orgId));
            object? activeVersion = await active.ExecuteScalarAsync(ct).ConfigureAwait(false);
            if (activeVersion is null or DBNull)
            {
                throw new InvalidOperationException($"Org '{orgId}' has no keys.");
            }

            int current = Convert.ToInt32(activeVersion, CultureInfo.InvariantCulture);
            if (minimumVersion > current)
            {
                throw new InvalidOperationException($"Cannot retire below version {minimumVersion}: the active version of org '{orgId}' is {current}; rotate first.");
            }

            using DbCommand retire = TurenDatabase.CreateCommand(
                connection,
                transaction,
                "UPDATE turen_org_data_keys SET status = 'retired', wrapped_key = @empty " +
                "WHERE org_id = @org AND version < @min AND status = 'previous'",
                ("@empty", Array.Empty<byte>()),
                ("@org", orgId),
                ("@min", minimumVersion));
            int retired = await retire.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return (true, retired);
        }, cancellationToken);
    }

    private static async Task<bool> InsertAsync(DbConnection connection, DbTransaction? transaction, WrappedOrgKey key, CancellationToken cancellationToken)
    {
        using DbCommand insert = TurenDatabase.CreateCommand(
            connection,
            transaction,
            $"INSERT INTO turen_org_data_keys ({Columns}) VALUES (@org, @version, @status, @kek, @wrapped, @created) ON CONFLICT DO NOTHING",
            ("@org", key.OrgId),
            ("@version", key.Version),
            ("@status", StatusText(key.Status)),
            ("@kek", key.KekId),
            ("@wrapped", key.WrappedKey.ToArray()),
            ("@created", key.CreatedAt.ToUniversalTime()));
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<WrappedOrgKey?> ReadOneAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using DbCommand command = TurenDatabase.CreateCommand(connection, null, sql, parameters);
        using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static WrappedOrgKey Read(DbDataReader reader) => new(
        reader.GetString(0),
        Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
        ParseStatus(reader.GetString(2)),
        reader.GetString(3),
        reader.IsDBNull(4) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(4),
        reader.GetFieldValue<DateTimeOffset>(5));

    private static void Check(WrappedOrgKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        OrgIds.Validate(key.OrgId);
        ArgumentException.ThrowIfNullOrEmpty(key.KekId, nameof(key));
        if (key.WrappedKey.IsEmpty)
        {
            throw new ArgumentException("The wrapped key must not be empty.", nameof(key));
        }
    }

    private static string StatusText(OrgKeyStatus status) => status switch
    {
        OrgKeyStatus.Active => "active",
        OrgKeyStatus.Previous => "previous",
        OrgKeyStatus.Retired => "retired",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static OrgKeyStatus ParseStatus(string text) => text switch
    {
        "active" => OrgKeyStatus.Active,
        "previous" => OrgKeyStatus.Previous,
        "retired" => OrgKeyStatus.Retired,
        _ => throw new InvalidOperationException($"Unknown org key status '{text}' in the database."),
    };
}
