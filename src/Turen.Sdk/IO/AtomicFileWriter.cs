using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.IO;

/// <summary>
/// A new version of one file, written to an owner-only temporary sibling and renamed over the target by
/// <see cref="Commit"/> / <see cref="CommitAsync"/> after the bytes (and, on Linux, the folder entry) reach the disk. A
/// reader, or a process killed at any instant, sees the old file or the new one, never a mix. Disposing without a commit
/// deletes the temporary file and leaves the target untouched.
/// </summary>
/// <remarks>
/// The only writer of the temporary-name scheme <c>.{name}.{12 hex}.tmp</c> that <see cref="AtomicFile.DeleteStaleTemporaries"/>
/// sweeps. The temporary is opened with <see cref="FileShare.None"/>, which the runtime backs with an exclusive advisory
/// lock on Unix, so a sweeper can tell a live writer from a killed one.
/// </remarks>
internal sealed class AtomicFileWriter : IDisposable, IAsyncDisposable
{
    internal const string TemporarySuffix = ".tmp";
    private readonly FileStream _stream;
    private bool _committed;

    private AtomicFileWriter(string target, string temporary, FileStream stream)
    {
        TargetPath = target;
        TemporaryPath = temporary;
        _stream = stream;
    }

    /// <summary>The file this writer replaces (or creates).</summary>
    public string TargetPath { get; }

    /// <summary>Where the bytes go until the commit.</summary>
    public string TemporaryPath { get; }

    /// <summary>The temporary file, to write the new content to.</summary>
    public Stream Stream => _stream;

    /// <summary>Starts a new version of <paramref name="path"/>, sweeping temporaries that killed writers left beside it.</summary>
    /// <param name="path">The target; its folder must exist.</param>
    /// <param name="asynchronous">Opens the temporary for asynchronous I/O (for <see cref="CommitAsync"/> and streaming writes).</param>
    /// <param name="bufferSize">The stream's buffer; 0 or 1 for none (callers that write whole frames).</param>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static AtomicFileWriter Create(string path, bool asynchronous = false, int bufferSize = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        AtomicFile.DeleteStaleTemporaries(target);
        string temporary = TemporaryPathFor(target);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = asynchronous ? FileOptions.Asynchronous : FileOptions.None,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = AtomicFile.OwnerOnlyFileMode;
        }

        return new AtomicFileWriter(target, temporary, new FileStream(temporary, options));
    }

    /// <summary>The temporary name for <paramref name="target"/>: hidden, in the same folder (so the rename is atomic), random.</summary>
    internal static string TemporaryPathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) + TemporarySuffix);

    /// <summary>
    /// Makes the new content durable and puts it in place: fsync of the file, rename over the target (or, with
    /// <paramref name="overwrite"/> false, only if there is none), fsync of the folder on Linux.
    /// </summary>
    /// <returns>False when <paramref name="overwrite"/> is false and the target exists (the temporary is deleted).</returns>
    public bool Commit(bool overwrite = true)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        // fsync before the rename: otherwise a power loss could leave the new name pointing at unwritten blocks.
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        return Rename(overwrite);
    }

    /// <inheritdoc cref="Commit"/>
    public async Task<bool> CommitAsync(bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        // .NET has no asynchronous fsync; the buffers were drained above, so this blocks only on the disk.
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync().ConfigureAwait(false);
        return Rename(overwrite);
    }

    /// <summary>Deletes the temporary file unless the writer committed.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        DeleteTemporaryUnlessCommitted();
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        DeleteTemporaryUnlessCommitted();
    }

    private bool Rename(bool overwrite)
    {
        try
        {
            File.Move(TemporaryPath, TargetPath, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(TargetPath))
        {
            return false;
        }

        _committed = true;
        AtomicFile.FlushDirectory(Path.GetDirectoryName(TargetPath)!);
        return true;
    }

    private void DeleteTemporaryUnlessCommitted()
    {
        if (!_committed)
        {
            AtomicFile.TryDelete(TemporaryPath);
        }
    }
}
