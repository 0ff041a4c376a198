using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Envelope.Format;

/// <summary>Writes a file through a temporary sibling that replaces the target only when the writer succeeded.</summary>
internal static class TemporaryFile
{
    public static async Task<T> WriteThenRenameAsync<T>(string path, Func<Stream, Task<T>> write, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        string temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 1,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        bool done = false;
        try
        {
            T result;
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                result = await write(stream).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
            done = true;
            return result;
        }
        finally
        {
            if (!done)
            {
                File.Delete(temporary);
            }
        }
    }
}
