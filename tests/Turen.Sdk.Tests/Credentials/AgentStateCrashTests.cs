using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Credentials;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Tests.Credentials;

/// <summary>
/// Kills a process that rotates the agent state in a loop, 200 times at random moments, and checks after each kill that
/// the state file opens as either the last state the child reported complete or the one it was writing.
/// </summary>
public sealed class AgentStateCrashTests : IDisposable
{
    private const string MachineId = "linux:crash-test-machine";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_writer_killed_at_random_points_leaves_the_old_or_the_new_state()
    {
        string helper = RepositoryPaths.TestTool("Turen.Sdk.CrashWriter");
        Assert.True(File.Exists(helper), "Build tests/tools/Turen.Sdk.CrashWriter first: " + helper);

        // Four lanes of 50 kills, each on its own state folder: process start-up dominates, so lanes keep the test short.
        const int Lanes = 4;
        int[] midWrite = new int[Lanes];
        Parallel.For(0, Lanes, new ParallelOptions { MaxDegreeOfParallelism = Lanes }, lane =>
        {
            var store = new AgentStateStore(_temp.Combine("home" + lane), new FakeMachineIdentifierSource(MachineId));
            using (store.Initialize())
            {
            }

            var random = new Random(20261129 + lane);
            int temporaries = 0;
            for (int round = 0; round < 200 / Lanes; round++)
            {
                long lastReported = RunAndKill(helper, store.Directory, random.Next(0, 15), out long warmUp);

                // A temporary file left behind means the kill landed between creating it and renaming it.
                int now = Directory.GetFiles(store.Directory, "*.tmp").Length;
                midWrite[lane] += now > temporaries ? 1 : 0;
                temporaries = now;

                using AgentState after = store.Load();
                long completed = Math.Max(warmUp, lastReported);
                // The file holds the last completed write, or the write in flight if its rename had happened.
                Assert.InRange(after.Generation, completed, completed + 1);
            }
        });

        // The child writes once before "ready", so every kill lands inside its write loop; some must land mid-write.
        Assert.True(midWrite.Sum() > 0, "no kill landed between creating a temporary file and renaming it");
    }

    private static long RunAndKill(string helper, string directory, int delayMilliseconds, out long warmUp)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(helper);
        start.ArgumentList.Add(directory);
        start.ArgumentList.Add(MachineId);
        start.Environment["DOTNET_TieredPGO"] = "0";

        using var process = Process.Start(start)!;
        string? line = process.StandardOutput.ReadLine();
        Assert.NotNull(line);
        Assert.StartsWith("ready ", line, StringComparison.Ordinal);
        warmUp = long.Parse(line.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture);
        long lastReported = warmUp;
        Thread.Sleep(delayMilliseconds);
        process.Kill();
        process.WaitForExit();
        string rest = process.StandardOutput.ReadToEnd();
        foreach (string reported in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            lastReported = long.Parse(reported, System.Globalization.CultureInfo.InvariantCulture);
        }

        string errors = process.StandardError.ReadToEnd();
        Assert.True(errors.Length == 0, errors);
        return lastReported;
    }
}
