using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Envelope.Format;

/// <summary>
/// The input side of an open: exact reads that turn an early end into <see cref="SessionBlobError.Truncated"/>, a
/// running byte count, and (for signed suites) the hash of everything before the footer.
/// </summary>
internal sealed class MessageInput : IDisposable
{
    private readonly Stream _stream;
    private readonly MemoryStream? _memory;
    private readonly ArraySegment<byte> _memoryBuffer;
    private readonly byte[] _probe = new byte[1];

    public MessageInput(Stream stream)
    {
        _stream = stream;

        // An in-memory blob whose buffer is visible is decrypted where it lies rather than copied frame by frame.
        if (stream is MemoryStream memory && memory.TryGetBuffer(out ArraySegment<byte> buffer))
        {
            _memory = memory;
            _memoryBuffer = buffer;
        }
    }

    /// <summary>True when <see cref="ReadAsync"/> returns views of the input's own buffer and ignores its scratch.</summary>
    public bool ReadsInPlace => _memory is not null;

    /// <summary>Bytes consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>When set, every byte read is appended to it (signed suites hash header ‖ body).</summary>
    public IncrementalHash? Hash { get; set; }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int read = await _stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        Position += read;
        if (read < buffer.Length)
        {
            throw Error.Truncated();
        }

        Hash?.AppendData(buffer.Span);
    }

    /// <summary>
    /// Returns the next <paramref name="count"/> bytes: a view of the input's own buffer when it is an exposed
    /// <see cref="MemoryStream"/>, otherwise <paramref name="scratch"/> filled from the stream.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(int count, Memory<byte> scratch, CancellationToken cancellationToken)
    {
        if (_memory is null)
        {
            Memory<byte> target = scratch[..count];
            await ReadExactlyAsync(target, cancellationToken).ConfigureAwait(false);
            return target;
        }

        cancellationToken.ThrowIfCancellationRequested();
        long start = _memory.Position;
        long available = Math.Max(0, _memory.Length - start);
        if (available < count)
        {
            _memory.Position = _memory.Length;
            Position += available;
            throw Error.Truncated();
        }

        _memory.Position = start + count;
        Position += count;
        ReadOnlyMemory<byte> view = _memoryBuffer.AsMemory((int)start, count);
        Hash?.AppendData(view.Span);
        return view;
    }

    /// <summary>True when the input has no more bytes (reads at most one byte).</summary>
    public async ValueTask<bool> IsAtEndAsync(CancellationToken cancellationToken) =>
        await _stream.ReadAsync(_probe, cancellationToken).ConfigureAwait(false) == 0;

    public void Dispose() => Hash?.Dispose();
}
