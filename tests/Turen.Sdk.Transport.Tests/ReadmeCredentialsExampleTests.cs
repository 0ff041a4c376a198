using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Turen.Sdk.Credentials;
using Turen.Sdk.Sqlite;

namespace Turen.Sdk.Transport.Tests;

/// <summary>The README's "Agent credentials and transport guards" example, run as written (folders moved to a temp folder).</summary>
public sealed class ReadmeCredentialsExampleTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "turen-readme-cred-" + Guid.NewGuid().ToString("N")[..8]);

    public ReadmeCredentialsExampleTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Readme_example_runs()
    {
        string text = "as_test_000000000000000000000000000000001oRWF7";
        byte[] hashKeyBytesFromYourSecretStore = new byte[32];
        var database = new TurenSqliteDatabase(Path.Combine(_dir, "turen.db"));
        await database.MigrateAsync();

        // Agent secrets: redacted when printed, constant-time equality, no implicit string conversion.
        using AgentSecret secret = AgentSecret.Generate();
        Console.WriteLine(secret);                         // as_live_…x9Qa
        bool real = AgentSecret.TryParse(text, out _);     // false for typos and lookalikes (checksum)
        Assert.True(real);
        Assert.DoesNotContain(secret.Reveal()[8..40], secret.ToString(), StringComparison.Ordinal);

        // API keys: the plaintext is returned once; the store keeps HMAC-SHA-256(hashKey, key) and a lookup id.
        using ApiKeyHashKey hashKey = ApiKeyHashKey.Import(hashKeyBytesFromYourSecretStore);
        var keys = new ApiKeyService(new SqlApiKeyStore(database), hashKey);   // a migrated TurenDatabase (SQLite, PostgreSQL)
        using CreatedApiKey created = await keys.CreateAsync("ci-uploader");
        string presented = created.Key.Reveal();           // show once
        ApiKeyVerification check = await keys.VerifyAsync(presented);   // Valid / Malformed / Unknown / Revoked
        Assert.True(check.IsValid);
        await keys.RevokeAsync(created.Info.Id);           // ids like ak_live_Zr4T0pQa are not secret
        Assert.Equal(ApiKeyVerificationStatus.Revoked, (await keys.VerifyAsync(presented)).Status);

        // The agent's state: AES-256-GCM under HKDF(machine secret, machine id); atomic writes; typed errors.
        var states = new AgentStateStore(Path.Combine(_dir, "agent"));
        using (AgentState state = states.Exists ? states.Load() : states.Initialize())
        {
            Assert.Equal(1, state.Generation);
        }

        using (AgentState state = states.Exists ? states.Load() : states.Initialize())
        {
            Assert.Equal(1, state.Generation);
        }

        // HTTP to Turen: TLS 1.2/1.3 only, validation always on, https except loopback, no redirect to http.
        var services = new ServiceCollection();
        services.AddTurenHttpClient().ConfigureHttpClient(c => c.BaseAddress = new Uri("https://api.turen.dev/"));
        using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("Turen");
        Assert.Equal(new Uri("https://api.turen.dev/"), client.BaseAddress);

        // The local proxy listens on loopback only; 0.0.0.0 or a name resolving elsewhere throws before binding.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (IPEndPoint endpoint in LoopbackListener.ResolveEndpoints("localhost", 0)) { kestrel.Listen(endpoint); }
        });
        await using WebApplication app = builder.Build();
        await app.StartAsync();
        await app.StopAsync();
    }
}
