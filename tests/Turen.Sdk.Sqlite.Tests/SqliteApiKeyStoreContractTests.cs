using System;
using System.Threading.Tasks;
using Turen.Sdk.Credentials;
using Turen.Sdk.Testing.Contract;

namespace Turen.Sdk.Sqlite.Tests;

/// <summary>The API-key store contract against a migrated SQLite file in a temporary folder.</summary>
public sealed class SqliteApiKeyStoreContractTests : ApiKeyStoreContract, IDisposable
{
    private readonly TempDirectory _folder = new();
    private int _databases;

    protected override async Task<IApiKeyStore> CreateStoreAsync()
    {
        var database = new TurenSqliteDatabase(_folder.Combine($"apikeys-{++_databases}.db"));
        await database.MigrateAsync();
        return new SqlApiKeyStore(database);
    }

    public void Dispose() => _folder.Dispose();
}
