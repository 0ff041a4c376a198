using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Turen.Sdk.Credentials;

namespace Turen.Cli.Tests.Credentials;

public sealed class ApiKeyCommandTests : IDisposable
{
    private static readonly Regex FullKey = new("ak_(live|test)_[0-9A-Za-z]{38}", RegexOptions.CultureInvariant);
    private readonly CredentialCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Create_list_verify_revoke()
    {
        var created = await _cli.RunAsync(null, "apikey", "create", "ci-uploader");
        Assert.True(created.ExitCode == 0, created.Stderr);
        string key = FullKey.Match(created.Stdout).Value;
        Assert.True(ApiKey.TryParse(key, out ApiKey? parsed));
        parsed.Dispose();
        string id = key[..16];

        var list = await _cli.RunAsync(null, "apikey", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(id, list.Stdout, StringComparison.Ordinal);
        Assert.Contains("ci-uploader", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("active", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(FullKey, list.Stdout);

        var valid = await _cli.RunAsync(key + "\n", "apikey", "verify");
        Assert.Equal(0, valid.ExitCode);
        Assert.Contains("valid: " + id, valid.Stdout, StringComparison.Ordinal);

        var revoked = await _cli.RunAsync(null, "apikey", "revoke", id);
        Assert.Equal(0, revoked.ExitCode);
        var after = await _cli.RunAsync(key + "\n", "apikey", "verify");
        Assert.Equal(1, after.ExitCode);
        Assert.StartsWith("revoked: " + id, after.Stdout, StringComparison.Ordinal);
        Assert.Contains("revoked 20", (await _cli.RunAsync(null, "apikey", "list")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_hash_is_stored()
    {
        var created = await _cli.RunAsync(null, "apikey", "create", "ci", "--test");
        string key = FullKey.Match(created.Stdout).Value;
        Assert.StartsWith("ak_test_", key, StringComparison.Ordinal);
        string secretPart = key[16..40];
        foreach (string file in Directory.GetFiles(_cli.Home))
        {
            string content = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain(secretPart, content, StringComparison.Ordinal);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_cli.Home, "apikey-hash.key")));
        }
    }

    [Fact]
    public async Task Bad_keys_and_ids_fail_with_the_right_exit_codes()
    {
        var created = await _cli.RunAsync(null, "apikey", "create", "ci");
        string key = FullKey.Match(created.Stdout).Value;
        char last = key[^1] == 'a' ? 'b' : 'a';

        var lookalike = await _cli.RunAsync(key[..^1] + last + "\n", "apikey", "verify");
        Assert.Equal(1, lookalike.ExitCode);
        Assert.StartsWith("malformed", lookalike.Stdout, StringComparison.Ordinal);

        using ApiKey other = ApiKey.Generate();
        var unknown = await _cli.RunAsync(other.Reveal() + "\n", "apikey", "verify");
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("unknown", unknown.Stdout, StringComparison.Ordinal);

        Assert.Equal(1, (await _cli.RunAsync(null, "apikey", "revoke", "ak_live_00000000")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync(null, "apikey", "revoke", "not-an-id")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync(null, "apikey", "create")).ExitCode);
    }

    [Fact]
    public async Task Listing_an_empty_home_says_so()
    {
        var list = await _cli.RunAsync(null, "apikey", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal("No API keys.", list.Stdout.Trim());
        Assert.False(File.Exists(Path.Combine(_cli.Home, "apikey-hash.key")));
        Assert.DoesNotContain(Directory.GetFiles(_cli.Home), f => f.EndsWith(".key", StringComparison.Ordinal));
    }
}
