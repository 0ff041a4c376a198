using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Credentials;

/// <summary>
/// The <see cref="IApiKeyStore"/> over any <see cref="TurenDatabase"/> (SQLite by default, PostgreSQL), table
/// <c>turen_api_keys</c> (schema script <c>0002_api_keys.sql</c>). Rows hold the lookup id, name, environment, the
/// 32-byte keyed hash and the dates; never a key.
/// </summary>
public sealed class SqlApiKeyStore : IApiKeyStore
{
    private const string Columns = "id, name, environment, key_hash, created_at, revoked_at";

    private readonly TurenDatabase _database;

    /// <summary>Creates the store; the schema must have been created with <see cref="TurenDatabase.MigrateAsync"/>.</summary>
    public SqlApiKeyStore(TurenDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task AddAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        ApiKeyInfo info = record.Info;
        byte[] hash = record.KeyHash.ToArray();
        return _database.WithConnectionAsync(async (connection, ct) =>
        {
            // ON CONFLICT DO NOTHING: a duplicate id is reported, never overwrites the existing key.
            using DbCommand insert = TurenDatabase.CreateCommand(
                connection,
                null,
                $"INSERT INTO turen_api_keys ({Columns}) VALUES (@id, @name, @environment, @hash, @created, @revoked) ON CONFLICT DO NOTHING",
                ("@id", info.Id),
                ("@name", info.Name),
                ("@environment", EnvironmentText(info.Environment)),
                ("@hash", hash),
                ("@created", info.CreatedAt.ToUniversalTime()),
                ("@revoked", info.RevokedAt?.ToUniversalTime()));
            if (await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
            {
                throw new DuplicateApiKeyException(info.Id);
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        return _database.WithConnectionAsync(async (connection, ct) =>
        {
            using DbCommand command = TurenDatabase.CreateCommand(connection, null, $"SELECT {Columns} FROM turen_api_keys WHERE id = @id", ("@id", id));
            using DbDataReader reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _database.WithConnectionAsync(async (connection, ct) =>
        {
            using DbCommand command = TurenDatabase.CreateCommand(connection, null, $"SELECT {Columns} FROM turen_api_keys");
            using DbDataReader reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var records = new List<ApiKeyRecord>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                records.Add(Read(reader));
            }

            // Sorted here rather than in SQL so that the order is ordinal whatever the database collation.
            records.Sort(static (a, b) =>
            {
                int byTime = a.Info.CreatedAt.CompareTo(b.Info.CreatedAt);
                return byTime != 0 ? byTime : string.CompareOrdinal(a.Info.Id, b.Info.Id);
            });
            return (IReadOnlyList<ApiKeyRecord>)records;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RevokeAsync(string id, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        return _database.WithConnectionAsync(async (connection, ct) =>
        {
            // Only a row that is not yet revoked changes, so the first revocation time is kept.
            using DbCommand revoke = TurenDatabase.CreateCommand(
                connection,
                null,
                "UPDATE turen_api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL",
                ("@at", revokedAt.ToUniversalTime()),
                ("@id", id));
            if (await revoke.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
            {
                return true;
            }

            using DbCommand exists = TurenDatabase.CreateCommand(connection, null, "SELECT COUNT(*) FROM turen_api_keys WHERE id = @id", ("@id", id));
            return Convert.ToInt64(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }, cancellationToken);
    }

    private static ApiKeyRecord Read(DbDataReader reader) => new(
        new ApiKeyInfo(
            reader.GetString(0),
            reader.GetString(1),
            ParseEnvironment(reader.GetString(2)),
            reader.GetFieldValue<DateTimeOffset>(4).ToUniversalTime(),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5).ToUniversalTime()),
        reader.GetFieldValue<byte[]>(3));

    private static string EnvironmentText(SecretEnvironment environment) => environment switch
    {
        SecretEnvironment.Live => "live",
        SecretEnvironment.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(environment)),
    };

    private static SecretEnvironment ParseEnvironment(string text) => text switch
    {
        "live" => SecretEnvironment.Live,
        "test" => SecretEnvironment.Test,
        _ => throw new InvalidOperationException($"Unknown API key environment '{text}' in the database."),
    };
}
