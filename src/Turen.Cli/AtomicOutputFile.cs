using System;
using System.IO;
using System.Threading.Tasks;

namespace Turen.Cli;

/// <summary>
/// The OUT of a command: a temporary file beside the target (owner-only) that replaces it only on
/// <see cref="CommitAsync"/>, so that a failed command leaves nothing behind; or standard output when no path is given.
/// </summary>
internal sealed class AtomicOutputFile : IAsyncDisposable
{
    private readonly string? _target;
    private readonly string? _temporary;
    private bool _committed;

    private AtomicOutputFile(Stream stream, string? target, string? temporary)
    {
        Stream = stream;
        _target = target;
        _temporary = temporary;
    }

    public Stream Stream { get; }

    public static AtomicOutputFile Create(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "-")
        {
            return new AtomicOutputFile(Console.OpenStandardOutput(), null, null);
        }

        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new UsageException($"output directory '{directory}' does not exist");
        }

        string temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new AtomicOutputFile(new FileStream(temporary, options), full, temporary);
    }

    public async Task CommitAsync()
    {
        await Stream.FlushAsync().ConfigureAwait(false);
        if (_temporary is null)
        {
            _committed = true;
            return;
        }

        ((FileStream)Stream).Flush(flushToDisk: true);
        await Stream.DisposeAsync().ConfigureAwait(false);
        File.Move(_temporary, _target!, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        if (!_committed && _temporary is not null)
        {
            File.Delete(_temporary);
        }
    }
}
