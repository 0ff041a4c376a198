using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.IO;
using Turen.Sdk.Tests.Credentials;

namespace Turen.Sdk.Tests.IO;

/// <summary>The one write-then-rename implementation: replace, create-only, streaming, failures, permissions, sweeping.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Target => _temp.Combine("state.bin");

    private string[] Temporaries() => Directory.GetFiles(_temp.Path, "*" + AtomicFileWriter.TemporarySuffix);

    [Fact]
    public void Write_creates_and_replaces_owner_only_with_no_temporary_left()
    {
        AtomicFile.Write(Target, "one"u8);
        Assert.Equal("one"u8.ToArray(), File.ReadAllBytes(Target));
        AtomicFile.Write(Target, "two, longer"u8);
        Assert.Equal("two, longer"u8.ToArray(), File.ReadAllBytes(Target));
        Assert.Empty(Temporaries());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Target));
        }
    }

    [Fact]
    public void A_replaced_file_that_others_could_read_becomes_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.WriteAllBytes(Target, "old"u8.ToArray());
        File.SetUnixFileMode(Target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.True(AtomicFile.IsAccessibleToOthers(Target));
        AtomicFile.Write(Target, "new"u8);
        Assert.False(AtomicFile.IsAccessibleToOthers(Target));
    }

    [Fact]
    public void TryCreate_never_replaces_an_existing_file()
    {
        Assert.True(AtomicFile.TryCreate(Target, "first"u8));
        Assert.False(AtomicFile.TryCreate(Target, "second"u8));
        Assert.Equal("first"u8.ToArray(), File.ReadAllBytes(Target));
        Assert.Empty(Temporaries());
    }

    [Fact]
    public async Task WriteAsync_replaces_only_when_the_writer_succeeds()
    {
        AtomicFile.Write(Target, "old"u8);
        int result = await AtomicFile.WriteAsync(Target, async s => { await s.WriteAsync("new"u8.ToArray()); return 42; }, CancellationToken.None);
        Assert.Equal(42, result);
        Assert.Equal("new"u8.ToArray(), File.ReadAllBytes(Target));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync<int>(Target, async s =>
        {
            await s.WriteAsync(new byte[100_000]);
            throw new InvalidOperationException("source failed");
        }, CancellationToken.None));
        Assert.Equal("source failed", failure.Message);
        Assert.Equal("new"u8.ToArray(), File.ReadAllBytes(Target));
        Assert.Empty(Temporaries());
    }

    [Fact]
    public async Task A_cancelled_commit_leaves_the_old_file()
    {
        AtomicFile.Write(Target, "old"u8);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(Target, async s => { await s.WriteAsync(new byte[10]); return 0; }, cancelled.Token));
        Assert.Equal("old"u8.ToArray(), File.ReadAllBytes(Target));
        Assert.Empty(Temporaries());
    }

    [Fact]
    public void An_uncommitted_writer_is_invisible_until_commit_and_removed_on_dispose()
    {
        AtomicFile.Write(Target, "old"u8);
        using (AtomicFileWriter writer = AtomicFileWriter.Create(Target))
        {
            writer.Stream.Write(new byte[4096]);
            writer.Stream.Flush();
            Assert.Equal("old"u8.ToArray(), File.ReadAllBytes(Target));
            string temporary = Assert.Single(Temporaries());
            Assert.Equal(writer.TemporaryPath, temporary);
            // One scheme for every writer: hidden, beside the target, 12 random hex digits, ".tmp".
            Assert.Matches(new Regex(@"^\.state\.bin\.[0-9A-F]{12}\.tmp$"), Path.GetFileName(temporary));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temporary));
            }
        }

        Assert.Equal("old"u8.ToArray(), File.ReadAllBytes(Target));
        Assert.Empty(Temporaries());
    }

    [Fact]
    public void Stale_temporaries_of_killed_writers_are_swept_and_live_or_fresh_ones_kept()
    {
        string stale = _temp.Combine(".state.bin.0011AABBCCDD.tmp");
        string fresh = _temp.Combine(".state.bin.0011AABBCCEE.tmp");
        string live = _temp.Combine(".state.bin.0011AABBCCFF.tmp");
        string otherTarget = _temp.Combine(".other.bin.0011AABBCCDD.tmp");
        foreach (string file in new[] { stale, fresh, live, otherTarget })
        {
            File.WriteAllBytes(file, new byte[] { 1 });
        }

        DateTime old = DateTime.UtcNow - AtomicFile.StaleTemporaryAge - TimeSpan.FromMinutes(1);
        File.SetLastWriteTimeUtc(stale, old);
        File.SetLastWriteTimeUtc(live, old);
        File.SetLastWriteTimeUtc(otherTarget, old);

        // A writer that stalled (a slow pipe) still holds its temporary exclusively: it is not stale, however old.
        using (new FileStream(live, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            AtomicFile.Write(Target, "new"u8);
        }

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(otherTarget));
        Assert.Equal("new"u8.ToArray(), File.ReadAllBytes(Target));
    }

    [Fact]
    public void Replace_moves_a_finished_file_over_the_target()
    {
        AtomicFile.Write(Target, "old"u8);
        string next = _temp.Combine("state.next");
        AtomicFile.Write(next, "next"u8);
        AtomicFile.Replace(next, Target);
        Assert.False(File.Exists(next));
        Assert.Equal("next"u8.ToArray(), File.ReadAllBytes(Target));
    }

    [Fact]
    public void A_missing_folder_is_a_directory_not_found_error()
    {
        string missing = Path.Combine(_temp.Path, "absent", "state.bin");
        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(missing, "x"u8));
    }

    [Fact]
    public void EnsureOwnerOnlyDirectory_creates_once_with_mode_0700()
    {
        string folder = _temp.Combine("home");
        Assert.True(AtomicFile.EnsureOwnerOnlyDirectory(folder));
        Assert.False(AtomicFile.EnsureOwnerOnlyDirectory(folder));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(AtomicFile.OwnerOnlyDirectoryMode, File.GetUnixFileMode(folder));
        }
    }

    [Fact]
    public void Concurrent_writers_of_one_target_each_leave_one_complete_version()
    {
        byte[][] versions = Enumerable.Range(0, 16).Select(i => Enumerable.Repeat((byte)i, 64 * 1024).ToArray()).ToArray();
        Parallel.ForEach(versions, v => AtomicFile.Write(Target, v));
        byte[] final = File.ReadAllBytes(Target);
        Assert.Contains(versions, v => v.AsSpan().SequenceEqual(final));
        Assert.Empty(Temporaries());
    }
}
