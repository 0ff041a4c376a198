using System;
using System.IO;
using System.Threading;
using Turen.Sdk.IO;

namespace Turen.Sdk.Credentials;

/// <summary>
/// Serialises writers of one state folder (the agent and a `turen agent rotate`, say) so that a read-modify-write such as
/// a rotation never loses another writer's update. An exclusive handle on <c>agent-state.lock</c>: an advisory lock on
/// Linux and macOS, a sharing lock on Windows; the operating system releases it if the holder dies.
/// </summary>
internal sealed class StateWriterLock : IDisposable
{
    public const string FileName = "agent-state.lock";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly FileStream _handle;

    private StateWriterLock(FileStream handle) => _handle = handle;

    public static StateWriterLock Acquire(string directory)
    {
        AtomicFile.EnsureOwnerOnlyDirectory(directory);
        string path = Path.Combine(directory, FileName);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = AtomicFile.OwnerOnlyFileMode;
        }

        DateTime deadline = DateTime.UtcNow + Timeout;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new StateWriterLock(new FileStream(path, options));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Math.Min(5 * (attempt + 1), 50));
            }
            catch (IOException ex)
            {
                throw new AgentStateException($"Another process has been writing the agent state in {directory} for over {Timeout.TotalSeconds:0} seconds.", ex);
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
