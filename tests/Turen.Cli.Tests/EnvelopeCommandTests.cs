using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;
using Turen.Sdk.Testing;

namespace Turen.Cli.Tests;

public sealed class EnvelopeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _key;
    private readonly byte[] _plaintext = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"type\":\"tool.call\",\"tool\":\"bash\"}\n", 500)));

    public EnvelopeCommandTests()
    {
        _key = _dir.Combine("org.key");
        File.WriteAllText(_key, Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()) + "\n");
    }

    public void Dispose() => _dir.Dispose();

    private string[] Seal(params string[] extra) =>
        new[] { "seal", "--raw-key", _key, "--key-name", "org-dek-1", "--context", "turen.org=acme", "--context", "turen.session=s-1" }.Concat(extra).ToArray();

    [Fact]
    public async Task Seal_and_open_through_files_round_trip()
    {
        File.WriteAllBytes(_dir.Combine("in.jsonl"), _plaintext);
        var seal = await CliRunner.RunAsync(null, null, Seal(_dir.Combine("in.jsonl"), "-o", _dir.Combine("s.turen"), "--frame-length", "1000"));
        Assert.Equal(0, seal.ExitCode);
        Assert.Empty(seal.Stdout);

        using var keyring = RawAesKeyring.Create("turen", "org-dek-1", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        SessionBlobHeader header = SessionBlob.ReadUnverifiedHeader(File.ReadAllBytes(_dir.Combine("s.turen")));
        Assert.Equal(1000, header.FrameLength);
        Assert.Equal("acme", header.Context["turen.org"]);

        var open = await CliRunner.RunAsync(null, null, "open", _dir.Combine("s.turen"), "-o", _dir.Combine("out.jsonl"), "--raw-key", _key, "--key-name", "org-dek-1", "--context", "turen.org=acme");
        Assert.Equal(0, open.ExitCode);
        Assert.Equal(_plaintext, File.ReadAllBytes(_dir.Combine("out.jsonl")));
        Assert.Equal(new[] { "in.jsonl", "org.key", "out.jsonl", "s.turen" }, Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("1", "4")]
    [InlineData("3", "1")]
    public async Task Seal_and_open_round_trip_with_any_parallelism(string sealLanes, string openLanes)
    {
        byte[] plaintext = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        var seal = await CliRunner.RunAsync(plaintext, null, Seal("--frame-length", "1000", "--parallelism", sealLanes));
        Assert.Equal(0, seal.ExitCode);
        var open = await CliRunner.RunAsync(seal.Stdout, null, "open", "--raw-key", _key, "--key-name", "org-dek-1", "--parallelism", openLanes);
        Assert.Equal(0, open.ExitCode);
        Assert.Equal(plaintext, open.Stdout);
    }

    [Theory]
    [InlineData(null, "in.jsonl", -1)]
    [InlineData(null, null, 1)]
    [InlineData(null, "-", 1)]
    [InlineData(3, null, 3)]
    [InlineData(64, "in.jsonl", 64)]
    public void Parallelism_defaults_to_the_cores_for_a_file_and_to_one_for_standard_input(int? given, string? input, int expected) =>
        Assert.Equal(expected == -1 ? Commands.EnvelopeOptions.DefaultParallelism : expected, Commands.EnvelopeOptions.ResolveParallelism(given, input));

    [Fact]
    public async Task Stdin_to_stdout_round_trip_with_several_keys()
    {
        var seal = await CliRunner.RunAsync(_plaintext, null, Seal());
        Assert.Equal(0, seal.ExitCode);
        string otherKey = _dir.Combine("other.key");
        File.WriteAllBytes(otherKey, new byte[16]);
        var open = await CliRunner.RunAsync(seal.Stdout, null, "open", "--raw-key", otherKey, "--key-name", "old", "--raw-key", _key, "--key-name", "org-dek-1");
        Assert.Equal(0, open.ExitCode);
        Assert.Equal(_plaintext, open.Stdout);
    }

    [Fact]
    public async Task Failed_open_exits_1_and_leaves_no_output_file()
    {
        var seal = await CliRunner.RunAsync(_plaintext, null, Seal("--frame-length", "100"));
        byte[] tampered = (byte[])seal.Stdout.Clone();
        tampered[^5] ^= 1;
        File.WriteAllBytes(_dir.Combine("t.turen"), tampered);
        File.WriteAllText(_dir.Combine("keep.jsonl"), "previous");

        var open = await CliRunner.RunAsync(null, null, "open", _dir.Combine("t.turen"), "-o", _dir.Combine("keep.jsonl"), "--raw-key", _key, "--key-name", "org-dek-1");
        Assert.Equal(1, open.ExitCode);
        Assert.Contains("not authentic", open.Stderr, StringComparison.Ordinal);
        Assert.Equal("previous", File.ReadAllText(_dir.Combine("keep.jsonl")));
        Assert.Equal(3, Directory.GetFiles(_dir.Path).Length); // org.key, t.turen, keep.jsonl: no temporary left

        var wrongKey = await CliRunner.RunAsync(seal.Stdout, null, "open", "-o", _dir.Combine("new.jsonl"), "--raw-key", _key, "--key-name", "other");
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.False(File.Exists(_dir.Combine("new.jsonl")));

        var wrongContext = await CliRunner.RunAsync(seal.Stdout, null, "open", "--raw-key", _key, "--key-name", "org-dek-1", "--context", "turen.org=evil");
        Assert.Equal(1, wrongContext.ExitCode);
        Assert.Empty(wrongContext.Stdout);
    }

    [Fact]
    public async Task Legacy_blobs_need_allow_legacy()
    {
        string vectors = Path.Combine(RepositoryPaths.Shared, "vectors", "esdk");
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(vectors, "manifest.json")));
        JsonElement v = manifest.RootElement.GetProperty("vectors").EnumerateArray().First(e =>
            e.GetProperty("category").GetString() == "official-raw-aes" && e.GetProperty("message_version").GetInt32() == 1
            && e.GetProperty("expect").GetString() == "success" && e.GetProperty("keys").GetArrayLength() == 1);
        JsonElement key = v.GetProperty("keys")[0];
        string keyFile = _dir.Combine("legacy.key");
        File.WriteAllBytes(keyFile, Convert.FromBase64String(key.GetProperty("key_b64").GetString()!));
        string[] args = { "open", Path.Combine(vectors, v.GetProperty("ciphertext").GetString()!), "--raw-key", keyFile, "--key-name", key.GetProperty("name").GetString()!, "--key-namespace", key.GetProperty("namespace").GetString()! };

        var refused = await CliRunner.RunAsync(null, null, args);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("AllowLegacy", refused.Stderr, StringComparison.Ordinal);

        var allowed = await CliRunner.RunAsync(null, null, args.Append("--allow-legacy").ToArray());
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(vectors, v.GetProperty("plaintext").GetString()!)), allowed.Stdout);
    }

    [Fact]
    public async Task Inspect_prints_the_header_without_key_material()
    {
        var seal = await CliRunner.RunAsync(_plaintext, null, Seal("--context", "tool/name=bash"));
        var inspect = await CliRunner.RunAsync(seal.Stdout, null, "inspect");
        Assert.Equal(0, inspect.ExitCode);
        using JsonDocument json = JsonDocument.Parse(inspect.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("0x0478", json.RootElement.GetProperty("suite").GetString());
        Assert.Equal("bash", json.RootElement.GetProperty("context").GetProperty("tool/name").GetString());
        Assert.Equal("org-dek-1", json.RootElement.GetProperty("encryptedDataKeys")[0].GetProperty("keyName").GetString());
        Assert.Equal(65536, json.RootElement.GetProperty("frameLength").GetInt32());
        string text = Encoding.UTF8.GetString(inspect.Stdout);
        Assert.DoesNotContain(File.ReadAllText(_key).Trim(), text, StringComparison.Ordinal);

        var garbage = await CliRunner.RunAsync(new byte[] { 9, 9, 9 }, null, "inspect");
        Assert.Equal(1, garbage.ExitCode);
    }

    [Theory]
    [InlineData("seal", "--raw-key", "K", "--key-name", "n")]
    [InlineData("seal", "--raw-key", "K", "--key-name", "n", "--context", "turen.org=a", "--context", "turen.session=b", "--context", "Bad_Key=1")]
    [InlineData("seal", "--raw-key", "K", "--key-name", "n", "--context", "turen.org=a", "--context", "turen.session=b", "--frame-length", "0")]
    [InlineData("open", "--raw-key", "K")]
    [InlineData("open", "--raw-key", "K", "--key-name", "a", "--key-name", "b")]
    [InlineData("open", "--raw-key", "K", "--key-name", "a", "--context", "novalue")]
    [InlineData("open", "--raw-key", "K", "--key-name", "a", "--max-encrypted-data-keys", "0")]
    [InlineData("seal", "--raw-key", "K", "--key-name", "n", "--context", "turen.org=a", "--context", "turen.session=b", "--parallelism", "0")]
    [InlineData("open", "--raw-key", "K", "--key-name", "a", "--parallelism", "65")]
    [InlineData("open", "--raw-key", "K", "--key-name", "a", "--parallelism", "many")]
    [InlineData("frobnicate")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        string[] resolved = args.Select(a => a == "K" ? _key : a).ToArray();
        var result = await CliRunner.RunAsync(_plaintext, null, resolved);
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.NotEmpty(result.Stderr);
    }

    [Fact]
    public async Task A_missing_key_file_is_an_environment_failure()
    {
        var result = await CliRunner.RunAsync(_plaintext, null, "open", "--raw-key", "/no/such/key", "--key-name", "a");
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("turen: open: cannot read key file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_key_file_is_a_usage_error()
    {
        File.WriteAllBytes(_dir.Combine("short.key"), new byte[10]);
        var result = await CliRunner.RunAsync(_plaintext, null, "open", "--raw-key", _dir.Combine("short.key"), "--key-name", "a");
        Assert.Equal(2, result.ExitCode);
    }
}
