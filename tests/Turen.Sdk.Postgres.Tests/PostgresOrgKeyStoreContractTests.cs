using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Turen.Sdk.Storage;
using Turen.Sdk.Testing.Contract;

namespace Turen.Sdk.Postgres.Tests;

/// <summary>The store contract against a real PostgreSQL server, one fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
[PostgresStore]
public sealed class PostgresOrgKeyStoreContractTests(PostgresServerFixture fixture) : OrgKeyStoreContract, IAsyncDisposable
{
    private readonly List<TurenPostgresDatabase> _databases = new();

    protected override string EmptyBlobLiteral => "''::bytea";

    protected override Task<TurenDatabase> CreateEmptyDatabaseAsync()
    {
        var database = new TurenPostgresDatabase(fixture.CreateDatabase());
        _databases.Add(database);
        return Task.FromResult<TurenDatabase>(database);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (TurenPostgresDatabase database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
