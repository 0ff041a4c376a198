using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Cli.Tests;

/// <summary>
/// <c>turen seal -o OUT</c> killed at random moments: OUT is always the previous blob or the new one, complete, never
/// a cut; what a killed writer left beside it is swept by the next write.
/// </summary>
public sealed class OutputFileKillTests : IDisposable
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i + 1)).ToArray();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_killed_seal_leaves_the_old_or_the_new_output_file()
    {
        string keyFile = _dir.File("raw.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(Key) + "\n");
        byte[] oldPlaintext = "the previous session\n"u8.ToArray();
        byte[] newPlaintext = Enumerable.Range(0, 6 * 1024 * 1024).Select(i => (byte)(i * 31)).ToArray();
        await File.WriteAllBytesAsync(_dir.File("new.jsonl"), newPlaintext);
        string output = _dir.File("out.turen");
        string[] seal = { "seal", _dir.File("new.jsonl"), "-o", output, "--raw-key", keyFile, "--key-name", "k", "--context", "turen.org=acme", "--context", "turen.session=new", "--frame-length", "4096", "--parallelism", "1" };
        using RawAesKeyring keyring = RawAesKeyring.Create("turen", "k", Key);

        // One uninterrupted run sets the time scale of the kills.
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, (await CliRunner.RunAsync(null, null, seal)).ExitCode);
        int fullRunMilliseconds = (int)clock.ElapsedMilliseconds;

        var random = new Random(20261204);
        int keptOld = 0;
        for (int round = 0; round < 10; round++)
        {
            File.Delete(output);
            await File.WriteAllBytesAsync(output, SessionBlob.Seal(oldPlaintext, keyring, new SealOptions { OrgId = "acme", SessionId = "old" }));
            using (Process process = Process.Start(CliRunner.StartInfo(null, seal))!)
            {
                // Half the rounds kill in the first half of a run (before the rename), the others anywhere in it.
                int limit = round % 2 == 0 ? fullRunMilliseconds / 2 : fullRunMilliseconds * 5 / 4;
                await Task.Delay(random.Next(0, Math.Max(1, limit)));
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            byte[] opened = SessionBlob.Open(await File.ReadAllBytesAsync(output), keyring);
            bool isOld = opened.AsSpan().SequenceEqual(oldPlaintext);
            Assert.True(isOld || opened.AsSpan().SequenceEqual(newPlaintext), $"round {round}: OUT opened to {opened.Length} bytes, neither version");
            keptOld += isOld ? 1 : 0;
        }

        Assert.True(keptOld > 0, "no kill landed before the rename, so the test proved nothing");

        // Temporaries of killed runs, once old enough, are removed by the next write to the same OUT.
        string[] left = Directory.GetFiles(_dir.Path, ".out.turen.*.tmp");
        foreach (string temporary in left)
        {
            File.SetLastWriteTimeUtc(temporary, DateTime.UtcNow.AddHours(-1));
        }

        Assert.Equal(0, (await CliRunner.RunAsync(null, null, seal)).ExitCode);
        Assert.Empty(Directory.GetFiles(_dir.Path, ".out.turen.*.tmp"));
        Assert.Equal(newPlaintext, SessionBlob.Open(await File.ReadAllBytesAsync(output), keyring));
    }
}
