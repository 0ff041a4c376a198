using System;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Turen.Sdk.Testing;

namespace Turen.Cli.Tests.Credentials;

/// <summary><c>turen apikey … --postgres</c> against a throw-away PostgreSQL server.</summary>
public sealed class ApiKeyPostgresCommandTests : IDisposable
{
    private static readonly Regex FullKey = new("ak_live_[0-9A-Za-z]{38}", RegexOptions.CultureInvariant);
    private readonly CredentialCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [PostgresFact]
    public async Task Create_verify_revoke_against_postgres()
    {
        using PostgresTestServer server = PostgresTestServer.Start();
        string connection = server.CreateDatabase("turen_cli_apikeys");

        var created = await _cli.RunAsync(null, "apikey", "create", "ci", "--postgres", connection);
        Assert.True(created.ExitCode == 0, created.Stderr);
        string key = FullKey.Match(created.Stdout).Value;

        var valid = await _cli.RunAsync(key + "\n", "apikey", "verify", "--postgres", connection);
        Assert.True(valid.ExitCode == 0, valid.Stdout + valid.Stderr);
        Assert.Equal(0, (await _cli.RunAsync(null, "apikey", "revoke", key[..16], "--postgres", connection)).ExitCode);
        Assert.Equal(1, (await _cli.RunAsync(key + "\n", "apikey", "verify", "--postgres", connection)).ExitCode);
        Assert.Contains(key[..16], (await _cli.RunAsync(null, "apikey", "list", "--postgres", connection)).Stdout, StringComparison.Ordinal);

        // The SQLite file of the home was not used.
        Assert.Equal("No API keys.", (await _cli.RunAsync(null, "apikey", "list")).Stdout.Trim());
    }
}
