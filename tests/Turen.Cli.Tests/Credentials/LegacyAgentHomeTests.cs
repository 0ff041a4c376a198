using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Turen.Cli.Tests.Credentials;

/// <summary>
/// The agent state now lives in the one Turen home (<c>~/.turen</c>); state an earlier build kept in
/// <c>~/.config/turen</c> is moved there on the first command without <c>--home</c>, which says so once.
/// </summary>
public sealed class LegacyAgentHomeTests : IDisposable
{
    private readonly TempDirectory _profile = new();

    public void Dispose() => _profile.Dispose();

    private string Legacy => Path.Combine(_profile.Path, ".config", "turen");

    private string Home => Path.Combine(_profile.Path, ".turen");

    [Fact]
    public async Task State_in_the_old_config_folder_is_read_once_and_moved_into_the_home()
    {
        Directory.CreateDirectory(Path.Combine(_profile.Path, ".config"));
        var enrolled = await RunAsync("agent", "init", "--test", "--home", Legacy);
        Assert.Equal(0, enrolled.ExitCode);

        var first = await RunAsync("agent", "show");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"turen: agent show: moved the agent state from {Legacy} into the Turen home {Home}", first.Stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Home, "agent-state.bin"), first.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Legacy, "agent-state.bin")));
        Assert.False(File.Exists(Path.Combine(Legacy, "machine.key")));
        Assert.True(File.Exists(Path.Combine(Home, "machine.key")));

        var second = await RunAsync("agent", "rotate");
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("moved", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_home_never_takes_the_old_state()
    {
        Directory.CreateDirectory(Path.Combine(_profile.Path, ".config"));
        Assert.Equal(0, (await RunAsync("agent", "init", "--test", "--home", Legacy)).ExitCode);
        string other = Path.Combine(_profile.Path, "elsewhere");

        var show = await RunAsync("agent", "show", "--home", other);
        Assert.Equal(3, show.ExitCode);
        Assert.True(File.Exists(Path.Combine(Legacy, "agent-state.bin")));
    }

    /// <summary>turen with HOME pointing at the scratch profile and neither TUREN_HOME nor XDG_CONFIG_HOME set.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        ProcessStartInfo start = CliRunner.StartInfo(null, args);
        start.Environment.Remove("TUREN_HOME");
        start.Environment.Remove("XDG_CONFIG_HOME");
        start.Environment["HOME"] = _profile.Path;
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
