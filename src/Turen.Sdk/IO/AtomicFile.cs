using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.IO;

/// <summary>
/// The one write-then-rename implementation (with <see cref="AtomicFileWriter"/>), used by the agent state, the local
/// KEK file, the session blob file helpers and the CLI's output and key files: owner-only (0600) files, fsync of the file
/// and, on Linux, of its folder, one temporary-name scheme and the sweep of temporaries that killed writers left.
/// </summary>
/// <remarks>Compiled into Turen.Sdk and, as the same source, into the CLI: internal in both.</remarks>
internal static class AtomicFile
{
    /// <summary>Owner read and write (0600).</summary>
    internal const UnixFileMode OwnerOnlyFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read, write and search (0700).</summary>
    internal const UnixFileMode OwnerOnlyDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>A temporary this old whose writer holds no lock on it belongs to a killed writer.</summary>
    internal static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromMinutes(10);

    /// <summary>Replaces (or creates) <paramref name="path"/> with <paramref name="content"/>.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        using AtomicFileWriter writer = AtomicFileWriter.Create(path);
        writer.Stream.Write(content);
        writer.Commit();
    }

    /// <summary>Creates <paramref name="path"/> with <paramref name="content"/> only if it does not exist; false if it does.</summary>
    public static bool TryCreate(string path, ReadOnlySpan<byte> content)
    {
        using AtomicFileWriter writer = AtomicFileWriter.Create(path);
        writer.Stream.Write(content);
        return writer.Commit(overwrite: false);
    }

    /// <summary>Replaces (or creates) <paramref name="path"/> with what <paramref name="write"/> streams, only if it succeeds.</summary>
    public static async Task<T> WriteAsync<T>(string path, Func<Stream, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        AtomicFileWriter writer = AtomicFileWriter.Create(path, asynchronous: true, bufferSize: 1);
        await using (writer.ConfigureAwait(false))
        {
            T result = await write(writer.Stream).ConfigureAwait(false);
            await writer.CommitAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    /// <summary>Renames <paramref name="source"/> over <paramref name="destination"/> (same folder) and makes the rename durable.</summary>
    public static void Replace(string source, string destination)
    {
        string target = Path.GetFullPath(destination);
        File.Move(source, target, overwrite: true);
        FlushDirectory(Path.GetDirectoryName(target)!);
    }

    /// <summary>
    /// Deletes the temporaries of <paramref name="path"/> that killed writers left: older than
    /// <see cref="StaleTemporaryAge"/> and not locked by a live writer. A failure to delete one is not an error.
    /// </summary>
    public static void DeleteStaleTemporaries(string path)
    {
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        DateTime cutoff = DateTime.UtcNow - StaleTemporaryAge;
        foreach (string temporary in Directory.EnumerateFiles(directory, "." + Path.GetFileName(full) + ".*" + AtomicFileWriter.TemporarySuffix))
        {
            if (File.GetLastWriteTimeUtc(temporary) < cutoff && !IsLockedByWriter(temporary))
            {
                TryDelete(temporary);
            }
        }
    }

    /// <summary>Creates <paramref name="directory"/> owner-only (0700 on Unix) if it does not exist; true when it was created.</summary>
    public static bool EnsureOwnerOnlyDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectoryMode);
        }

        return true;
    }

    /// <summary>True when others than the owner may read or write the file (always false on Windows, where ACLs apply).</summary>
    public static bool IsAccessibleToOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        return (File.GetUnixFileMode(path) & others) != 0;
    }

    /// <summary>
    /// On Linux, fsyncs the folder so that a rename in it survives a power loss (ext4 and XFS do not promise that
    /// otherwise). Elsewhere the file system orders the rename itself, or offers no portable way to ask.
    /// </summary>
    internal static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int descriptor = Native.Open(directory, Native.ReadOnlyCloseOnExec);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open the folder '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Native.FSync(descriptor) != 0)
            {
                throw new IOException($"Cannot flush the folder '{directory}' to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Native.Close(descriptor);
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next sweep.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for the next sweep.
        }
    }

    private static bool IsLockedByWriter(string temporary)
    {
        try
        {
            using var probe = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to judge (another user's file); leave it.
            return true;
        }
    }

    private static class Native
    {
        // O_RDONLY | O_CLOEXEC: the same values on every Linux architecture .NET runs on.
        internal const int ReadOnlyCloseOnExec = 0x80000;

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int FSync(int descriptor);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Close(int descriptor);
    }
}
