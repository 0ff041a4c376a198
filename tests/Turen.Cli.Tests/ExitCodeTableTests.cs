using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Turen.Cli.Tests;

/// <summary>
/// The one failure policy, command by command: 1 refused, 2 usage, 3 environment or infrastructure, each reported as one
/// line <c>turen: COMMAND: MESSAGE</c>. Placeholders: HOME an empty (uninitialised) home, BLOCKED a path under a regular
/// file (no folder can be made there), GARBAGE a file that is not a session blob, PG an unreachable PostgreSQL.
/// </summary>
public sealed class ExitCodeTableTests : IDisposable
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=turen;Password=x;Database=turen;Timeout=3";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    // 2: bad arguments or option values, and parse errors, for every command.
    [InlineData(2, "demo", "demo", "--frobnicate")]
    [InlineData(2, "init", "init", "--frobnicate")]
    [InlineData(2, "org create", "org", "create", "not valid!", "--home", "HOME")]
    [InlineData(2, "org rotate", "org", "rotate", "-dash", "--home", "HOME")]
    [InlineData(2, "org list", "org", "list", "not valid!", "--home", "HOME")]
    [InlineData(2, "org retire", "org", "retire", "acme", "--below", "0", "--home", "HOME")]
    [InlineData(2, "org rewrap", "org", "rewrap", "--frobnicate")]
    [InlineData(2, "seal", "seal", "--org", "acme", "--session", "s", "--parallelism", "0", "--home", "HOME")]
    [InlineData(2, "open", "open", "--max-encrypted-data-keys", "0", "--home", "HOME")]
    [InlineData(2, "inspect", "inspect", "one.turen", "two.turen")]
    [InlineData(2, "agent init", "agent", "init", "--set", "no-equals-sign", "--home", "HOME")]
    [InlineData(2, "agent show", "agent", "show", "--frobnicate")]
    [InlineData(2, "agent rotate", "agent", "rotate", "--frobnicate")]
    [InlineData(2, "agent restore", "agent", "restore", "--frobnicate")]
    [InlineData(2, "apikey create", "apikey", "create")]
    [InlineData(2, "apikey list", "apikey", "list", "--frobnicate")]
    [InlineData(2, "apikey revoke", "apikey", "revoke", "not-an-id", "--home", "HOME")]
    [InlineData(2, "apikey verify", "apikey", "verify", "--frobnicate")]
    // 3: the environment: an uninitialised home, a folder that cannot be made, a missing file, an unreachable database.
    [InlineData(3, "demo", "demo", "--home", "BLOCKED")]
    [InlineData(3, "init", "init", "--home", "BLOCKED")]
    [InlineData(3, "org create", "org", "create", "acme", "--home", "HOME")]
    [InlineData(3, "org rotate", "org", "rotate", "acme", "--home", "HOME")]
    [InlineData(3, "org list", "org", "list", "--home", "HOME")]
    [InlineData(3, "org retire", "org", "retire", "acme", "--below", "2", "--home", "HOME")]
    [InlineData(3, "org rewrap", "org", "rewrap", "--home", "HOME")]
    [InlineData(3, "seal", "seal", "--org", "acme", "--session", "s", "--home", "HOME")]
    [InlineData(3, "open", "open", "GARBAGE", "--home", "HOME")]
    [InlineData(3, "inspect", "inspect", "/no/such/blob")]
    [InlineData(3, "agent init", "agent", "init", "--home", "BLOCKED")]
    [InlineData(3, "agent show", "agent", "show", "--home", "HOME")]
    [InlineData(3, "agent rotate", "agent", "rotate", "--home", "HOME")]
    [InlineData(3, "agent restore", "agent", "restore", "--home", "HOME")]
    [InlineData(3, "apikey create", "apikey", "create", "ci", "--postgres", "PG", "--home", "HOME")]
    [InlineData(3, "apikey list", "apikey", "list", "--postgres", "PG", "--home", "HOME")]
    [InlineData(3, "apikey revoke", "apikey", "revoke", "ak_live_00000000", "--postgres", "PG", "--home", "HOME")]
    [InlineData(3, "apikey verify", "apikey", "verify", "--postgres", "PG", "--home", "HOME")]
    // 1: refused or not authentic.
    [InlineData(1, "inspect", "inspect", "GARBAGE")]
    [InlineData(1, "apikey revoke", "apikey", "revoke", "ak_live_00000000", "--home", "HOME")]
    public async Task Every_command_maps_failures_through_one_table_and_one_message_format(int expected, string command, params string[] args)
    {
        string home = _dir.Combine("home");
        Directory.CreateDirectory(home);
        string blocker = _dir.Combine("a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        string garbage = _dir.Combine("garbage.turen");
        await File.WriteAllBytesAsync(garbage, new byte[200]);
        string[] resolved = args.Select(a => a switch
        {
            "HOME" => home,
            "BLOCKED" => Path.Combine(blocker, "home"),
            "GARBAGE" => garbage,
            "PG" => Unreachable,
            _ => a,
        }).ToArray();

        var result = await CliRunner.RunAsync(Array.Empty<byte>(), null, resolved);

        Assert.True(expected == result.ExitCode, $"exit {result.ExitCode}, expected {expected}: {result.Stderr}");
        string firstLine = result.Stderr.Split('\n')[0];
        Assert.StartsWith($"turen: {command}: ", firstLine, StringComparison.Ordinal);
    }
}
