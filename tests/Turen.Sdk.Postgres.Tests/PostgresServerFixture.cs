using System;
using System.Threading;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Postgres.Tests;

/// <summary>One PostgreSQL server for the whole test assembly, started on first use and stopped at the end.</summary>
public sealed class PostgresServerFixture : IDisposable
{
    private readonly Lazy<PostgresTestServer> _server = new(PostgresTestServer.Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private int _databases;

    public PostgresTestServer Server => _server.Value;

    /// <summary>A new empty database with a unique name.</summary>
    public string CreateDatabase() => Server.CreateDatabase($"turen_test_{Interlocked.Increment(ref _databases)}");

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
