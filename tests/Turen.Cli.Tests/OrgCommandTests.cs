using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Turen.Cli.Tests;

/// <summary><c>turen init</c>, <c>turen org …</c> and the org mode of <c>seal</c>/<c>open</c>, run as a user would.</summary>
public sealed class OrgCommandTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly TempDirectory _files = new();
    private readonly byte[] _plaintext = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(i => $"{{\"event\":{i},\"text\":\"line {i}\"}}\n")));

    private Task<(int ExitCode, byte[] Stdout, string Stderr)> Turen(byte[]? stdin, params string[] args) =>
        CliRunner.RunAsync(stdin, null, args.Concat(new[] { "--home", _home.Path }).ToArray());

    private static string Text((int ExitCode, byte[] Stdout, string Stderr) result) => Encoding.UTF8.GetString(result.Stdout) + result.Stderr;

    [Fact]
    public async Task Init_is_idempotent()
    {
        var first = await Turen(null, "init");
        var second = await Turen(null, "init");

        Assert.True(first.ExitCode == 0, Text(first));
        Assert.Contains("initialised Turen home", Text(first), StringComparison.Ordinal);
        Assert.Contains("key-encryption key local:", Text(first), StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already initialised", Text(second), StringComparison.Ordinal);
        Assert.True(File.Exists(_home.Combine("kek.key")));
        Assert.True(File.Exists(_home.Combine("turen.db")));
    }

    [Fact]
    public async Task Org_commands_need_an_initialised_home()
    {
        var result = await Turen(null, "org", "create", "acme");

        // An uninitialised home is the environment (3), not a usage mistake (2).
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("turen init", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_rotate_list_retire()
    {
        await Turen(null, "init");

        var created = await Turen(null, "org", "create", "acme");
        var again = await Turen(null, "org", "create", "acme");
        var rotated = await Turen(null, "org", "rotate", "acme");
        await Turen(null, "org", "rotate", "acme");
        var list = await Turen(null, "org", "list");
        var retireTooFar = await Turen(null, "org", "retire", "acme", "--below", "9");
        var retired = await Turen(null, "org", "retire", "acme", "--below", "3");
        var versions = await Turen(null, "org", "list", "acme");

        Assert.True(created.ExitCode == 0, Text(created));
        Assert.Contains("created org acme: data key v1", Text(created), StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("data key v2 is active", Text(rotated), StringComparison.Ordinal);
        Assert.Contains("acme\tv3\t3\t0", Text(list), StringComparison.Ordinal);
        Assert.Equal(1, retireTooFar.ExitCode);
        Assert.Contains("retired 2 data key version(s)", Text(retired), StringComparison.Ordinal);
        string table = Text(versions);
        Assert.Contains("v1\tretired", table, StringComparison.Ordinal);
        Assert.Contains("v3\tactive", table, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("org", "create", "bad/org")]
    [InlineData("org", "rotate", "nobody")]
    [InlineData("org", "list", "nobody")]
    [InlineData("org", "retire", "acme")]
    [InlineData("seal", "--org", "nobody", "--session", "s-1")]
    [InlineData("seal", "--session", "s-1")]
    [InlineData("seal", "--org", "bad org", "--session", "s-1")]
    public async Task Mistakes_are_refused(params string[] args)
    {
        await Turen(null, "init");

        var result = await Turen(_plaintext, args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.NotEmpty(result.Stderr);
    }

    [Fact]
    public async Task Seal_under_an_org_and_open_by_the_key_name_in_the_blob()
    {
        await Turen(null, "init");
        await Turen(null, "org", "create", "acme");
        await Turen(null, "org", "create", "other");

        var seal = await Turen(_plaintext, "seal", "--org", "acme", "--session", "s-1", "-o", _files.Combine("s.turen"));
        Assert.True(seal.ExitCode == 0, Text(seal));
        await Turen(null, "org", "rotate", "acme");
        var open = await Turen(null, "open", _files.Combine("s.turen"), "-o", _files.Combine("out.jsonl"));
        var asserted = await Turen(null, "open", _files.Combine("s.turen"), "--org", "acme");
        var wrongOrg = await Turen(null, "open", _files.Combine("s.turen"), "--org", "other", "-o", _files.Combine("never.jsonl"));

        Assert.True(open.ExitCode == 0, Text(open));
        Assert.Equal(_plaintext, File.ReadAllBytes(_files.Combine("out.jsonl")));
        Assert.Equal(0, asserted.ExitCode);
        Assert.Equal(_plaintext, asserted.Stdout);
        Assert.Equal(1, wrongOrg.ExitCode);
        Assert.False(File.Exists(_files.Combine("never.jsonl")));

        // Retiring the version the blob was sealed under makes it unreadable, as intended.
        await Turen(null, "org", "retire", "acme", "--below", "2");
        var retired = await Turen(null, "open", _files.Combine("s.turen"));
        Assert.Equal(1, retired.ExitCode);
    }

    [Fact]
    public async Task Rewrap_rotates_the_local_kek_and_old_blobs_still_open()
    {
        await Turen(null, "init");
        await Turen(null, "org", "create", "acme");
        var seal = await Turen(_plaintext, "seal", "--org", "acme", "--session", "s-1");
        byte[] keyBefore = File.ReadAllBytes(_home.Combine("kek.key"));

        var rewrap = await Turen(null, "org", "rewrap");
        var open = await Turen(seal.Stdout, "open");
        var list = await Turen(null, "org", "list", "acme");

        Assert.True(rewrap.ExitCode == 0, Text(rewrap));
        Assert.Contains("rewrapped 1 data key version(s) in 1 org(s)", Text(rewrap), StringComparison.Ordinal);
        Assert.NotEqual(keyBefore, File.ReadAllBytes(_home.Combine("kek.key")));
        Assert.False(File.Exists(_home.Combine("kek.next.key")));
        Assert.Equal(0, open.ExitCode);
        Assert.Equal(_plaintext, open.Stdout);
        string newKekId = Text(rewrap).Split(" under ")[1].Split(';')[0];
        Assert.Contains(newKekId, Text(list), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _home.Dispose();
        _files.Dispose();
    }
}
