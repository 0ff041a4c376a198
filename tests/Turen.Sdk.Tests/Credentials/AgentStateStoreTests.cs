using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Turen.Sdk.Credentials;

namespace Turen.Sdk.Tests.Credentials;

public sealed class AgentStateStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeMachineIdentifierSource _thisMachine = new("linux:0123456789abcdef0123456789abcdef");

    private string Home => _temp.Combine("home");

    public void Dispose() => _temp.Dispose();

    private AgentStateStore Store(IMachineIdentifierSource? identifiers = null, string? home = null) =>
        new(home ?? Home, identifiers ?? _thisMachine);

    [Fact]
    public void Initialize_then_load_round_trips()
    {
        var settings = new Dictionary<string, string> { ["endpoint"] = "https://api.turen.dev", ["org"] = "org_123 ✓" };
        using AgentState created = Store().Initialize(settings: settings);
        using AgentState loaded = Store().Load();
        Assert.Equal(created.Secret, loaded.Secret);
        Assert.Equal(settings.OrderBy(s => s.Key), loaded.Settings);
        Assert.Equal(1, loaded.Generation);
        Assert.Equal(created.CreatedAt, loaded.CreatedAt);
        Assert.Equal(created.UpdatedAt, loaded.UpdatedAt);
        Assert.StartsWith("as_live_", loaded.Secret.Reveal(), StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_keeps_a_given_secret()
    {
        AgentSecret secret = AgentSecret.Generate(SecretEnvironment.Test);
        string text = secret.Reveal();
        using AgentState state = Store().Initialize(secret);
        using AgentState loaded = Store().Load();
        Assert.Equal(text, loaded.Secret.Reveal());
    }

    [Fact]
    public void The_secret_is_not_in_the_file_in_clear()
    {
        using AgentState state = Store().Initialize();
        byte[] file = File.ReadAllBytes(Store().StatePath);
        string secret = state.Secret.Reveal();
        Assert.DoesNotContain(secret.Substring(8, 32), Encoding.Latin1.GetString(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_refuses_to_overwrite_unless_asked()
    {
        using AgentState first = Store().Initialize();
        var ex = Assert.Throws<AgentStateException>(() => Store().Initialize());
        Assert.Contains("--force", ex.Message, StringComparison.Ordinal);
        using AgentState second = Store().Initialize(overwrite: true);
        Assert.NotEqual(first.Secret, second.Secret);
        using AgentState loaded = Store().Load();
        Assert.Equal(second.Secret, loaded.Secret);
    }

    [Fact]
    public void Load_without_a_state_says_so()
    {
        var ex = Assert.Throws<AgentStateNotFoundException>(() => Store().Load());
        Assert.Contains("turen agent init", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_opened_on_another_machine_is_a_machine_mismatch()
    {
        using AgentState state = Store().Initialize();
        var ex = Assert.Throws<MachineMismatchException>(() => Store(new FakeMachineIdentifierSource("linux:another-machine")).Load());
        Assert.StartsWith("Machine mismatch", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(state.Secret.Reveal(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_folder_copied_to_another_machine_is_a_machine_mismatch()
    {
        using (Store().Initialize())
        {
        }

        string copy = _temp.Combine("copied");
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(Home))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        // Same machine id: the copy opens (it is still this machine).
        using (Store(home: copy).Load())
        {
        }

        Assert.Throws<MachineMismatchException>(() => Store(new FakeMachineIdentifierSource("linux:ffff"), copy).Load());
    }

    [Fact]
    public void A_state_file_without_its_machine_secret_is_a_machine_mismatch()
    {
        using (Store().Initialize())
        {
        }

        string other = _temp.Combine("other");
        Directory.CreateDirectory(other);
        File.Copy(Store().StatePath, Path.Combine(other, AgentStateStore.StateFileName));
        var ex = Assert.Throws<MachineMismatchException>(() => Store(home: other).Load());
        Assert.Contains("machine.key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_machine_secret_is_a_machine_mismatch()
    {
        using (Store().Initialize())
        {
        }

        string other = _temp.Combine("other");
        using (Store(home: other).Initialize())
        {
        }

        File.Copy(Store().StatePath, Path.Combine(other, AgentStateStore.StateFileName), overwrite: true);
        Assert.Throws<MachineMismatchException>(() => Store(home: other).Load());
    }

    [Theory]
    [InlineData(60)]   // ciphertext
    [InlineData(9)]    // fingerprint
    [InlineData(8)]    // version
    [InlineData(0)]    // magic
    [InlineData(-1)]   // integrity trailer
    public void A_flipped_byte_is_reported_as_corruption_with_the_backup(int offset)
    {
        using AgentState first = Store().Initialize();
        using AgentState second = Store().Rotate();
        byte[] file = File.ReadAllBytes(Store().StatePath);
        file[offset < 0 ? file.Length + offset : offset] ^= 0x01;
        File.WriteAllBytes(Store().StatePath, file);

        var ex = Assert.Throws<AgentStateCorruptedException>(() => Store().Load());
        Assert.Equal(Store().BackupPath, ex.BackupPath);
        Assert.Contains("turen agent restore", ex.Message, StringComparison.Ordinal);

        // The backup is a second copy of the latest good state, so nothing written is lost.
        using AgentState restored = Store().RestoreBackup();
        Assert.Equal(second.Secret, restored.Secret);
        using AgentState reloaded = Store().Load();
        Assert.Equal(second.Secret, reloaded.Secret);
        Assert.Equal(2, reloaded.Generation);
    }

    [Fact]
    public void A_truncated_file_is_corruption()
    {
        using (Store().Initialize())
        {
        }

        foreach (int length in new[] { 0, 10, 60, 90 })
        {
            byte[] file = File.ReadAllBytes(Store().StatePath);
            File.WriteAllBytes(_temp.Combine("t"), file);
            File.WriteAllBytes(Store().StatePath, file.AsSpan(0, Math.Min(length, file.Length - 1)).ToArray());
            var ex = Assert.Throws<AgentStateCorruptedException>(() => Store().Load());
            Assert.Equal(Store().BackupPath, ex.BackupPath);
            File.Copy(_temp.Combine("t"), Store().StatePath, overwrite: true);
        }
    }

    [Fact]
    public void Corruption_without_a_backup_says_there_is_none()
    {
        using (Store().Initialize())
        {
        }

        File.Delete(Store().BackupPath);
        File.WriteAllBytes(Store().StatePath, new byte[100]);
        var ex = Assert.Throws<AgentStateCorruptedException>(() => Store().Load());
        Assert.Null(ex.BackupPath);
        Assert.Contains("no backup", ex.Message, StringComparison.Ordinal);
        Assert.Contains("turen agent init --force", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forged_file_with_a_recomputed_checksum_fails_authentication()
    {
        using (Store().Initialize())
        {
        }

        byte[] file = File.ReadAllBytes(Store().StatePath);
        file[60] ^= 0x01;
        System.Security.Cryptography.SHA256.HashData(file.AsSpan(0, file.Length - 8)).AsSpan(0, 8).CopyTo(file.AsSpan(file.Length - 8));
        File.WriteAllBytes(Store().StatePath, file);
        var ex = Assert.Throws<AgentStateCorruptedException>(() => Store().Load());
        Assert.Contains("failed authentication", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crash_between_the_two_copies_leaves_the_new_state_in_the_file_and_the_old_in_the_backup()
    {
        using AgentState first = Store().Initialize();
        byte[] firstBytes = File.ReadAllBytes(Store().StatePath);
        using AgentState second = Store().Rotate();
        File.WriteAllBytes(Store().BackupPath, firstBytes); // as if killed after the first rename

        using AgentState loaded = Store().Load();
        Assert.Equal(second.Secret, loaded.Secret);
        using AgentState third = Store().Rotate();
        Assert.True(File.ReadAllBytes(Store().StatePath).AsSpan().SequenceEqual(File.ReadAllBytes(Store().BackupPath)));
    }

    [Fact]
    public void Writing_over_a_damaged_file_works_and_refreshes_the_backup()
    {
        using (Store().Initialize())
        {
        }

        File.WriteAllBytes(Store().StatePath, new byte[] { 1, 2, 3 });
        using AgentState replaced = Store().Initialize(overwrite: true);
        using AgentState restored = Store().RestoreBackup();
        Assert.Equal(replaced.Secret, restored.Secret);
    }

    [Fact]
    public void Restore_without_a_backup_says_so()
    {
        Assert.Throws<AgentStateNotFoundException>(() => Store().RestoreBackup());
    }

    [Fact]
    public void Load_after_the_state_file_vanished_points_at_the_backup()
    {
        using (Store().Initialize())
        using (Store().Rotate())
        {
        }

        File.Delete(Store().StatePath);
        var ex = Assert.Throws<AgentStateNotFoundException>(() => Store().Load());
        Assert.Contains("turen agent restore", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_replaces_the_secret_and_keeps_the_settings()
    {
        var settings = new Dictionary<string, string> { ["endpoint"] = "https://api.turen.dev" };
        using AgentState first = Store().Initialize(settings: settings, environment: SecretEnvironment.Test);
        using AgentState rotated = Store().Rotate();
        Assert.NotEqual(first.Secret, rotated.Secret);
        Assert.Equal(SecretEnvironment.Test, rotated.Secret.Environment);
        Assert.Equal(2, rotated.Generation);
        Assert.Equal(settings, rotated.Settings);
        Assert.Equal(first.CreatedAt, rotated.CreatedAt);
        using AgentState loaded = Store().Load();
        Assert.Equal(rotated.Secret, loaded.Secret);
    }

    [Fact]
    public void Concurrent_rotations_are_serialised_and_none_is_lost()
    {
        using (Store().Initialize())
        {
        }

        var generations = new System.Collections.Concurrent.ConcurrentBag<long>();
        System.Threading.Tasks.Parallel.For(0, 16, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            using AgentState rotated = Store().Rotate();
            generations.Add(rotated.Generation);
        });

        Assert.Equal(Enumerable.Range(2, 16).Select(i => (long)i), generations.Order());
        using AgentState loaded = Store().Load();
        Assert.Equal(17, loaded.Generation);
    }

    [Fact]
    public void UpdateSettings_keeps_the_secret()
    {
        using AgentState first = Store().Initialize();
        using AgentState updated = Store().UpdateSettings(new Dictionary<string, string> { ["org"] = "o1" });
        Assert.Equal(first.Secret, updated.Secret);
        Assert.Equal("o1", updated.Settings["org"]);
        Assert.Equal(2, updated.Generation);
    }

    [Fact]
    public void Files_are_owner_only_and_no_temporaries_remain()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (Store().Initialize())
        using (Store().Rotate())
        {
        }

        const UnixFileMode ownerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerReadWrite, File.GetUnixFileMode(Store().StatePath));
        Assert.Equal(ownerReadWrite, File.GetUnixFileMode(Store().BackupPath));
        Assert.Equal(ownerReadWrite, File.GetUnixFileMode(Path.Combine(Home, "machine.key")));
        Assert.Equal(ownerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Home));
        Assert.Equal(
            new[] { "agent-state.bak", "agent-state.bin", "agent-state.lock", "machine.key" },
            Directory.GetFiles(Home).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_machine_secret_readable_by_others_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (Store().Initialize())
        {
        }

        File.SetUnixFileMode(Path.Combine(Home, "machine.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var ex = Assert.Throws<AgentStateException>(() => Store().Load());
        Assert.Contains("chmod 600", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_machine_secret_is_reported()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (Store().Initialize())
        {
        }

        File.WriteAllBytes(Path.Combine(Home, "machine.key"), new byte[10]);
        File.SetUnixFileMode(Path.Combine(Home, "machine.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var ex = Assert.Throws<AgentStateException>(() => Store().Load());
        Assert.Contains("damaged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMoveFrom_moves_state_backup_and_machine_secret_once_and_never_over_existing_files()
    {
        string old = _temp.Combine("old-config");
        using (AgentState created = Store(home: old).Initialize())
        {
            Assert.True(Store().TryMoveFrom(old));
            using AgentState moved = Store().Load();
            Assert.Equal(created.Secret.Redacted, moved.Secret.Redacted);
        }

        Assert.False(File.Exists(Path.Combine(old, AgentStateStore.StateFileName)));
        Assert.False(File.Exists(Path.Combine(old, "machine.key")));
        Assert.True(File.Exists(Path.Combine(Home, AgentStateStore.BackupFileName)));

        // Nothing left to move; and a folder with state of its own is never overwritten.
        Assert.False(Store().TryMoveFrom(old));
        using (Store(home: old).Initialize())
        {
        }

        Assert.False(Store().TryMoveFrom(old));
        Assert.True(File.Exists(Path.Combine(old, AgentStateStore.StateFileName)));
        Assert.False(Store().TryMoveFrom(Home));
    }

    [Fact]
    public void Stale_temporaries_of_killed_writers_are_removed()
    {
        using (Store().Initialize())
        {
        }

        string stale = Path.Combine(Home, ".agent-state.bin.0011AABBCCDD.tmp");
        string fresh = Path.Combine(Home, ".agent-state.bin.0011AABBCCEE.tmp");
        File.WriteAllBytes(stale, new byte[] { 1 });
        File.WriteAllBytes(fresh, new byte[] { 1 });
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        using (Store().Rotate())
        {
        }

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void The_operating_system_identifier_is_read_on_this_machine()
    {
        string id;
        try
        {
            id = OperatingSystemMachineIdentifierSource.Instance.GetMachineIdentifier();
        }
        catch (MachineIdentityUnavailableException ex)
        {
            // Only acceptable where the OS really has none (some containers); the message says how to fix it.
            Assert.False(File.Exists("/etc/machine-id") && new FileInfo("/etc/machine-id").Length > 1);
            Assert.Contains("machine-id", ex.Message, StringComparison.Ordinal);
            return;
        }

        string expectedPrefix = OperatingSystem.IsWindows() ? "windows:" : OperatingSystem.IsMacOS() ? "macos:" : "linux:";
        Assert.StartsWith(expectedPrefix, id, StringComparison.Ordinal);
        Assert.True(id.Length > expectedPrefix.Length);
        Assert.Equal(id, OperatingSystemMachineIdentifierSource.Instance.GetMachineIdentifier());
        if (OperatingSystem.IsLinux() && File.Exists("/etc/machine-id"))
        {
            Assert.Equal("linux:" + File.ReadAllText("/etc/machine-id").Trim(), id);
        }
    }

    [Fact]
    public void The_legacy_directory_is_the_user_configuration_folder_of_earlier_builds()
    {
        string expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "turen");
        Assert.Equal(expected, AgentStateStore.LegacyDirectory);
        Assert.NotEqual(TurenHome.Resolve(Home).AgentStateDirectory, AgentStateStore.LegacyDirectory);
    }
}
