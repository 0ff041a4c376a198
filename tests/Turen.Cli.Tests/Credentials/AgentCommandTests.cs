using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Turen.Cli.Tests.Credentials;

public sealed class AgentCommandTests : IDisposable
{
    private static readonly Regex FullSecret = new("as_(live|test)_[0-9A-Za-z]{38}", RegexOptions.CultureInvariant);
    private readonly CredentialCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Init_show_rotate_never_print_the_secret_unless_asked()
    {
        var init = await _cli.RunAsync(null, "agent", "init", "--set", "endpoint=https://api.turen.dev");
        Assert.True(init.ExitCode == 0, init.Stderr);
        Assert.Contains("as_live_…", init.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(FullSecret, init.Stdout);

        var show = await _cli.RunAsync(null, "agent", "show");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("generation:  1", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("endpoint = https://api.turen.dev", show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(FullSecret, show.Stdout);

        var rotate = await _cli.RunAsync(null, "agent", "rotate", "--reveal");
        Assert.Equal(0, rotate.ExitCode);
        string revealed = FullSecret.Match(rotate.Stdout).Value;
        Assert.NotEmpty(revealed);

        var after = await _cli.RunAsync(null, "agent", "show");
        Assert.Contains("generation:  2", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("as_live_…" + revealed[^4..], after.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(revealed, after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_imports_a_secret_from_stdin_and_refuses_a_malformed_one()
    {
        const string Secret = "as_test_000000000000000000000000000000001oRWF7";
        var bad = await _cli.RunAsync(Secret[..^1] + "8\n", "agent", "init", "--secret-stdin");
        Assert.Equal(2, bad.ExitCode);
        Assert.DoesNotContain(Secret[8..40], bad.Stderr, StringComparison.Ordinal);

        var good = await _cli.RunAsync(Secret + "\n", "agent", "init", "--secret-stdin");
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("as_test_…RWF7", good.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_codes_tell_missing_refused_and_damaged_apart()
    {
        var missing = await _cli.RunAsync(null, "agent", "show");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("turen agent init", missing.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync(null, "agent", "init")).ExitCode);
        var again = await _cli.RunAsync(null, "agent", "init");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--force", again.Stderr, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(_cli.Home, "agent-state.bin"), "damaged");
        var damaged = await _cli.RunAsync(null, "agent", "show");
        Assert.Equal(1, damaged.ExitCode);
        Assert.Contains("corrupted", damaged.Stderr, StringComparison.Ordinal);

        var restore = await _cli.RunAsync(null, "agent", "restore");
        Assert.Equal(0, restore.ExitCode);
        Assert.Equal(0, (await _cli.RunAsync(null, "agent", "show")).ExitCode);

        var usage = await _cli.RunAsync(null, "agent", "init", "--set", "no-equals-sign", "--force");
        Assert.Equal(2, usage.ExitCode);
        Assert.Equal(2, (await _cli.RunAsync(null, "agent", "frobnicate")).ExitCode);
    }
}
