using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Turen.Sdk.Credentials;
using Turen.Sdk.Sqlite;

namespace Turen.Sdk.Benchmarks.Credentials;

/// <summary>
/// Verifying an API key against the default store (SQLite file, 1 000 keys): the lookup dominates, the HMAC and the
/// constant-time comparison are a small share. Baseline: the same verification over the in-memory store.
/// </summary>
[MemoryDiagnoser]
public class SqliteApiKeyVerifyBenchmarks
{
    private string _folder = null!;
    private ApiKeyHashKey _hashKey = null!;
    private ApiKeyService _inMemory = null!;
    private ApiKeyService _sqlite = null!;
    private string _inMemoryKey = null!;
    private string _sqliteKey = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "turen-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var database = new TurenSqliteDatabase(Path.Combine(_folder, "turen.db"));
        await database.MigrateAsync();
        _hashKey = ApiKeyHashKey.Generate();
        _inMemory = new ApiKeyService(new InMemoryApiKeyStore(), _hashKey);
        _sqlite = new ApiKeyService(new SqlApiKeyStore(database), _hashKey);
        for (int i = 0; i < 1000; i++)
        {
            using CreatedApiKey a = await _inMemory.CreateAsync("k" + i);
            using CreatedApiKey b = await _sqlite.CreateAsync("k" + i);
            _inMemoryKey = a.Key.Reveal();
            _sqliteKey = b.Key.Reveal();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hashKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "VerifyAsync, in-memory store")]
    public async Task<bool> InMemory() => (await _inMemory.VerifyAsync(_inMemoryKey)).IsValid;

    [Benchmark(Description = "VerifyAsync, SQLite store")]
    public async Task<bool> Sqlite() => (await _sqlite.VerifyAsync(_sqliteKey)).IsValid;
}
