using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Turen.Sdk.Testing;

namespace Turen.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_initialises_the_home_and_org_once_and_round_trips_the_sample()
    {
        using var home = new TempDirectory();
        var first = await CliRunner.RunAsync(null, RepositoryPaths.Root, "demo", "--home", home.Path);
        string output = Encoding.UTF8.GetString(first.Stdout);
        Assert.True(first.ExitCode == 0, output + first.Stderr);
        Assert.Contains("initialised", output, StringComparison.Ordinal);
        Assert.Contains("byte-exact round trip: OK", output, StringComparison.Ordinal);
        Assert.Contains("0x0478", output, StringComparison.Ordinal);
        Assert.Contains("created org demo-org", output, StringComparison.Ordinal);
        Assert.Contains("turen/org/demo-org/v1 (org data key", output, StringComparison.Ordinal);

        string keyFile = Path.Combine(home.Path, "kek.key");
        Assert.True(File.Exists(keyFile));
        Assert.True(File.Exists(Path.Combine(home.Path, "turen.db")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        Assert.DoesNotContain(Convert.ToHexString(File.ReadAllBytes(keyFile)[5..]), output, StringComparison.OrdinalIgnoreCase);

        var second = await CliRunner.RunAsync(null, RepositoryPaths.Root, "demo", "--home", home.Path);
        string again = Encoding.UTF8.GetString(second.Stdout);
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("initialised", again, StringComparison.Ordinal);
        Assert.DoesNotContain("created org", again, StringComparison.Ordinal);
        Assert.Contains("byte-exact round trip: OK", again, StringComparison.Ordinal);
    }
}
