using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Turen.Sdk.Postgres;
using Turen.Sdk.Sqlite;
using Turen.Sdk.Storage;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Benchmarks.Keys;

/// <summary>
/// Store operations per second: reading an org's active wrapped DEK and rotating (a compare-and-set transaction), on
/// SQLite (a file in a temporary folder) and PostgreSQL (a throw-away local server, as in the tests; skipped when the
/// server binaries are missing). Single client, sequential, loopback.
/// </summary>
[Config(typeof(InProcessShortConfig))]
public class OrgKeyStoreBenchmarks
{
    private static readonly byte[] Wrapped = new byte[61];
    private string _folder = null!;
    private PostgresTestServer? _server;
    private TurenDatabase _database = null!;
    private SqlOrgKeyStore _store = null!;
    private int _version;

    [Params("sqlite", "postgresql")]
    public string Engine { get; set; } = "sqlite";

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "turen-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        if (Engine == "sqlite")
        {
            _database = new TurenSqliteDatabase(Path.Combine(_folder, "turen.db"));
        }
        else
        {
            if (PostgresTestServer.UnavailableReason() is { } reason)
            {
                throw new InvalidOperationException(reason);
            }

            _server = PostgresTestServer.Start();
            _database = new TurenPostgresDatabase(_server.CreateDatabase("turen_bench"));
        }

        await _database.MigrateAsync();
        _store = new SqlOrgKeyStore(_database);
        await _store.TryCreateAsync(Row(1));
        _version = 1;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_database as IDisposable)?.Dispose();
        _server?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "get active")]
    public async Task<int> GetActive() => (await _store.GetActiveAsync("acme"))!.Version;

    [Benchmark(Description = "rotate")]
    public async Task<bool> Rotate()
    {
        bool rotated = await _store.TryRotateAsync(Row(_version + 1));
        _version++;
        return rotated;
    }

    private static WrappedOrgKey Row(int version) =>
        new("acme", version, OrgKeyStatus.Active, "local:bench", Wrapped, DateTimeOffset.UnixEpoch);
}
