using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Turen.Sdk.Credentials;
using Turen.Sdk.Testing.Contract;

namespace Turen.Sdk.Postgres.Tests;

/// <summary>The API-key store contract against a real PostgreSQL server, one fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
[PostgresStore]
public sealed class PostgresApiKeyStoreContractTests(PostgresServerFixture fixture) : ApiKeyStoreContract, IAsyncDisposable
{
    private readonly List<TurenPostgresDatabase> _databases = new();

    protected override async Task<IApiKeyStore> CreateStoreAsync()
    {
        var database = new TurenPostgresDatabase(fixture.CreateDatabase());
        _databases.Add(database);
        await database.MigrateAsync();
        return new SqlApiKeyStore(database);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (TurenPostgresDatabase database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
