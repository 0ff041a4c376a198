using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Turen.Sdk.Testing;

namespace Turen.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_initialises_a_key_once_and_round_trips_the_sample()
    {
        using var home = new TempDir();
        var first = await CliRunner.RunAsync(null, RepositoryPaths.Root, "demo", "--home", home.Path);
        string output = Encoding.UTF8.GetString(first.Stdout);
        Assert.True(first.ExitCode == 0, output + first.Stderr);
        Assert.Contains("initialised", output, StringComparison.Ordinal);
        Assert.Contains("byte-exact round trip: OK", output, StringComparison.Ordinal);
        Assert.Contains("0x0478", output, StringComparison.Ordinal);

        string keyFile = Path.Combine(home.Path, "keys", "demo-org-dek-1.key");
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        Assert.DoesNotContain(File.ReadAllText(keyFile).Trim(), output, StringComparison.Ordinal);

        var second = await CliRunner.RunAsync(null, RepositoryPaths.Root, "demo", "--home", home.Path);
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("initialised", Encoding.UTF8.GetString(second.Stdout), StringComparison.Ordinal);
    }
}
