using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Turen.Sdk.Envelope;
using Turen.Sdk.Testing;
using Xunit.Abstractions;

namespace Turen.Sdk.Hardening.Tests.Faults;

/// <summary>
/// A child process seals session blobs to files in a loop and is killed at random points. Whatever it leaves behind
/// (a blob, a half-written blob, a temporary file) either opens to the complete plaintext or fails with
/// <see cref="SessionBlobException"/>: a cut never passes as a shorter, complete session.
/// </summary>
public sealed class SealKillTests(ITestOutputHelper output) : IDisposable
{
    private const int PlaintextLength = 3 * 1024 * 1024;
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(0xC0 ^ i)).ToArray();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "turen-kill-" + Guid.NewGuid().ToString("N")[..10]);

    [Theory]
    [InlineData("stream")]
    [InlineData("atomic")]
    public void A_sealer_killed_at_random_points_never_leaves_a_file_that_opens_short(string mode)
    {
        string helper = RepositoryPaths.TestTool("Turen.Sdk.SealWriter");
        Assert.True(File.Exists(helper), "Build tests/tools/Turen.Sdk.SealWriter first: " + helper);
        byte[] expected = Expected();
        using RawAesKeyring keyring = RawAesKeyring.Create("turen", "kill-test", Key);
        var random = new Random(mode == "stream" ? 11 : 13);
        int complete = 0;
        int refused = 0;
        for (int round = 0; round < 12; round++)
        {
            string directory = Path.Combine(_root, mode + round);
            Directory.CreateDirectory(directory);
            RunAndKill(helper, directory, mode, random.Next(0, 400));
            foreach (string file in Directory.GetFiles(directory).Where(f => Path.GetFileName(f) != "plaintext.bin"))
            {
                byte[] blob = File.ReadAllBytes(file);
                try
                {
                    byte[] opened = SessionBlob.Open(blob, keyring);
                    Assert.True(opened.AsSpan().SequenceEqual(expected), $"{file} opened to {opened.Length} bytes, not the {expected.Length} sealed.");
                    complete++;
                }
                catch (SessionBlobException ex)
                {
                    Assert.True(mode == "stream" || Path.GetFileName(file) != "blob.turen", $"The renamed blob {file} does not open: {ex.Error}.");
                    Assert.Contains(ex.Error, new[] { SessionBlobError.Truncated, SessionBlobError.Malformed });
                    refused++;
                }
            }
        }

        output.WriteLine($"{mode}: {complete} files opened complete, {refused} cut files refused");
        Assert.True(complete > 0, "The writer never completed a blob before being killed.");
        if (mode == "stream")
        {
            Assert.True(refused > 0, "No kill landed mid-write.");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static byte[] Expected()
    {
        byte[] plaintext = new byte[PlaintextLength];
        for (int i = 0; i < plaintext.Length; i++)
        {
            plaintext[i] = (byte)((i * 131) + (i >> 8));
        }

        return plaintext;
    }

    private static void RunAndKill(string helper, string directory, string mode, int delayMilliseconds)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { helper, directory, Convert.ToHexString(Key), mode, PlaintextLength.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        using var sealedOnce = new ManualResetEventSlim();
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && e.Data.StartsWith("sealed ", StringComparison.Ordinal))
            {
                sealedOnce.Set();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.Append(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Wait for one complete blob, then kill at a random point of the following ones.
        bool sealedOne = sealedOnce.Wait(TimeSpan.FromMinutes(2));
        Thread.Sleep(delayMilliseconds);
        process.Kill(entireProcessTree: true);
        Assert.True(process.WaitForExit(60_000), "The killed writer did not exit.");
        lock (errors)
        {
            Assert.True(sealedOne, "The writer never completed a blob: " + errors);
            Assert.True(errors.Length == 0, errors.ToString());
        }
    }
}
