using System;
using System.IO;
using System.Threading.Tasks;
using Turen.Sdk.IO;

namespace Turen.Cli;

/// <summary>
/// The OUT of a command: standard output when no path is given, else an <see cref="AtomicFileWriter"/> that replaces the
/// target only on <see cref="CommitAsync"/>, so that a failed or killed command leaves the old file (or none) behind.
/// </summary>
internal sealed class AtomicOutputFile : IAsyncDisposable
{
    private readonly AtomicFileWriter? _writer;

    private AtomicOutputFile(Stream stream, AtomicFileWriter? writer)
    {
        Stream = stream;
        _writer = writer;
    }

    public Stream Stream { get; }

    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static AtomicOutputFile Create(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "-")
        {
            return new AtomicOutputFile(Console.OpenStandardOutput(), null);
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"output directory '{directory}' does not exist");
        }

        AtomicFileWriter writer = AtomicFileWriter.Create(path, asynchronous: true, bufferSize: 1 << 16);
        return new AtomicOutputFile(writer.Stream, writer);
    }

    public async Task CommitAsync()
    {
        if (_writer is null)
        {
            await Stream.FlushAsync().ConfigureAwait(false);
            return;
        }

        await _writer.CommitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is null)
        {
            await Stream.DisposeAsync().ConfigureAwait(false);
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
