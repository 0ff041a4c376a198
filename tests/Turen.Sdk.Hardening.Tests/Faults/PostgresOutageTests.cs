using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Turen.Sdk.Keys;
using Turen.Sdk.Postgres;
using Turen.Sdk.Storage;
using Turen.Sdk.Testing;
using Xunit.Abstractions;

namespace Turen.Sdk.Hardening.Tests.Faults;

/// <summary>
/// 64 workers create orgs and rotate their keys through the org key manager on PostgreSQL while the server is stopped and
/// restarted under them. While it is down they get <see cref="DbException"/>s (nothing else); afterwards they succeed;
/// in the end every org has exactly one active version, versions 1..n without a gap, and every version a worker was told
/// it created is there and unwraps.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private const int Workers = 64;
    private const int Orgs = 16;

    [PostgresFact]
    public async Task Concurrent_creates_and_rotations_survive_a_server_restart()
    {
        using PostgresTestServer server = PostgresTestServer.Start();
        string connectionString = server.CreateDatabase("turen_outage") + ";Maximum Pool Size=100;Timeout=5;Command Timeout=10";
        await using var database = new TurenPostgresDatabase(connectionString);
        await database.MigrateAsync();
        PostgresOutage outage = await PostgresOutage.AttachAsync(connectionString);
        using LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.Generate();
        var options = new OrgKeyManagerOptions { Cache = new OrgKeyCacheOptions { Enabled = false }, MaxRotationAttempts = 1000 };
        using var keyManager = new OrgKeyManager(new SqlOrgKeyStore(database), kek, options);

        var rotated = new ConcurrentBag<(string Org, int Version)>();
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var unexpected = new ConcurrentQueue<Exception>();
        int phase = 0; // 0 before, 1 down, 2 after the restart
        var successesAfter = new int[Workers];
        using var stop = new CancellationTokenSource();

        Task[] workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                string org = "org-" + random.Next(Orgs);
                int observedPhase = Volatile.Read(ref phase);
                try
                {
                    if (random.Next(3) == 0)
                    {
                        using OrgDataKey key = await keyManager.GetOrCreateActiveKeyAsync(org);
                    }
                    else
                    {
                        await keyManager.CreateOrgAsync(org);
                        rotated.Add((org, await keyManager.RotateAsync(org)));
                    }

                    if (observedPhase == 2)
                    {
                        Interlocked.Increment(ref successesAfter[worker]);
                    }
                }
                catch (DbException ex)
                {
                    errors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                    await Task.Delay(20);
                }
                catch (Exception ex)
                {
                    unexpected.Enqueue(ex);
                    await Task.Delay(20);
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(3));
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref phase, 1);
        outage.Stop();
        await Task.Delay(TimeSpan.FromSeconds(3));
        outage.Start();
        output.WriteLine($"server down for {clock.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(TimeSpan.FromSeconds(2)); // let pooled connections to the old server fail and be replaced
        Volatile.Write(ref phase, 2);
        // Run until every worker has succeeded since the restart (a loaded machine can take a while), at most a minute.
        var after = Stopwatch.StartNew();
        while (after.Elapsed < TimeSpan.FromMinutes(1) && (after.Elapsed < TimeSpan.FromSeconds(5) || successesAfter.Any(n => n == 0)))
        {
            await Task.Delay(250);
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        output.WriteLine($"rotations reported: {rotated.Count}; errors: {string.Join(", ", errors.Select(e => $"{e.Key} {e.Value}"))}");
        Assert.True(unexpected.IsEmpty, "Untyped failures: " + string.Join(Environment.NewLine, unexpected.Take(5)));
        Assert.NotEmpty(errors);
        Assert.All(successesAfter, n => Assert.True(n > 0, "A worker never succeeded after the restart."));

        // A fresh pool: the one above may still hold connections to the stopped server.
        await using NpgsqlConnection connection = new(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        var versions = new Dictionary<string, List<(int Version, string Status)>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT org_id, version, status FROM turen_org_data_keys ORDER BY org_id, version", connection))
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                string org = reader.GetString(0);
                if (!versions.TryGetValue(org, out List<(int, string)>? list))
                {
                    versions[org] = list = new List<(int, string)>();
                }

                list.Add((reader.GetInt32(1), reader.GetString(2)));
            }
        }

        foreach ((string org, List<(int Version, string Status)> list) in versions)
        {
            Assert.Equal(Enumerable.Range(1, list.Count), list.Select(v => v.Version));
            Assert.Equal(new[] { list.Count }, list.Where(v => v.Status == "active").Select(v => v.Version));
        }

        foreach (var group in rotated.GroupBy(r => r.Org))
        {
            Assert.Equal(group.Count(), group.Select(r => r.Version).Distinct().Count());
            foreach ((string org, int version) in group)
            {
                Assert.Contains(versions[org], v => v.Version == version);
                using OrgDataKey key = await AfterStalePooledConnectionsAsync(() => keyManager.GetKeyAsync(org, version).AsTask());
                Assert.Equal(version, key.Version);
            }
        }
    }

    // Connections pooled before the restart fail once each (57P01, a DbException) when they are next used; the
    // workers saw and survived that above, so the checks retry past it.
    private static async Task<T> AfterStalePooledConnectionsAsync<T>(Func<Task<T>> read)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (DbException) when (attempt < 200)
            {
            }
        }
    }
}
