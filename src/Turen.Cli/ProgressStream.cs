using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Cli;

/// <summary>
/// A read-only wrapper that draws a progress bar on standard error while a large file is read, when standard error is
/// a terminal. Only byte counts are printed.
/// </summary>
internal sealed class ProgressStream : Stream
{
    /// <summary>Files smaller than this finish too fast for a bar to help.</summary>
    public const long Threshold = 16L * 1024 * 1024;

    private readonly Stream _inner;
    private readonly long _total;
    private readonly string _label;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _read;
    private long _lastDrawMs = -1000;

    private ProgressStream(Stream inner, long total, string label)
    {
        _inner = inner;
        _total = total;
        _label = label;
    }

    /// <summary>Wraps <paramref name="input"/> when a bar makes sense, else returns it unchanged.</summary>
    public static Stream Wrap(Stream input, string label)
    {
        if (Console.IsErrorRedirected || !input.CanSeek || input.Length < Threshold)
        {
            return input;
        }

        return new ProgressStream(input, input.Length, label);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _total;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _lastDrawMs >= 0)
        {
            Console.Error.WriteLine();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _read += read;
        long now = _clock.ElapsedMilliseconds;
        if (now - _lastDrawMs >= 200 || read == 0)
        {
            _lastDrawMs = now;
            double fraction = _total == 0 ? 1 : Math.Min(1, (double)_read / _total);
            int filled = (int)(fraction * 30);
            double mibPerSecond = _read / 1048576.0 / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            Console.Error.Write($"\r{_label} [{new string('#', filled)}{new string('.', 30 - filled)}] {fraction,4:P0} {_read / 1048576.0:F1}/{_total / 1048576.0:F1} MiB {mibPerSecond:F0} MiB/s ");
        }

        return read;
    }
}
