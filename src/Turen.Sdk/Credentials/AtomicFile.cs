using System;
using System.IO;
using System.Security.Cryptography;

namespace Turen.Sdk.Credentials;

/// <summary>
/// Replaces a file so that a reader (or a process killed half-way) sees either the old content or the new one, never a
/// mix: write a temporary file in the same folder, flush it to disk, then rename it over the target (an atomic step on
/// one file system). Files are created owner-only (0600) on Linux and macOS.
/// </summary>
internal static class AtomicFile
{
    private const string TempSuffix = ".tmp";
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromMinutes(10);

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) + TempSuffix);
        try
        {
            using (FileStream stream = new(temp, OwnerOnlyCreateNew()))
            {
                stream.Write(content);
                // fsync before the rename: otherwise a power loss could leave the new name pointing at unwritten blocks.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Creates <paramref name="path"/> with <paramref name="content"/> only if it does not exist; false if it does.</summary>
    public static bool TryCreate(string path, ReadOnlySpan<byte> content)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) + TempSuffix);
        try
        {
            using (FileStream stream = new(temp, OwnerOnlyCreateNew()))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            TryDelete(temp);
            return false;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Removes temporary files a killed writer left behind (old enough not to belong to a live writer).</summary>
    public static void DeleteStaleTemporaries(string path)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        foreach (string temp in Directory.EnumerateFiles(directory, "." + Path.GetFileName(path) + ".*" + TempSuffix))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(temp) > StaleTempAge)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>Creates <paramref name="directory"/> owner-only (0700) if it does not exist.</summary>
    public static void EnsureOwnerOnlyDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
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

    private static FileStreamOptions OwnerOnlyCreateNew()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for DeleteStaleTemporaries.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for DeleteStaleTemporaries.
        }
    }
}
