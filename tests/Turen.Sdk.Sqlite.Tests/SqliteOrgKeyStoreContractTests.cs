using System;
using System.Threading.Tasks;
using Turen.Sdk.Storage;
using Turen.Sdk.Testing.Contract;

namespace Turen.Sdk.Sqlite.Tests;

/// <summary>The store contract against a SQLite file in a temporary folder.</summary>
public sealed class SqliteOrgKeyStoreContractTests : OrgKeyStoreContract, IDisposable
{
    private readonly TempDirectory _folder = new();
    private int _databases;

    protected override Task<TurenDatabase> CreateEmptyDatabaseAsync() =>
        Task.FromResult<TurenDatabase>(new TurenSqliteDatabase(_folder.Combine($"turen-{++_databases}.db")));

    public void Dispose() => _folder.Dispose();
}
