using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Benchmarks.Envelope;

/// <summary>
/// A read-only stream of <c>length</c> bytes that repeats a pattern, so that a 1 GiB input need not be materialised.
/// </summary>
internal sealed class PatternStream : Stream
{
    private readonly byte[] _pattern;
    private readonly long _length;
    private long _position;

    public PatternStream(byte[] pattern, long length)
    {
        _pattern = pattern;
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length && _position < _length)
        {
            int at = (int)(_position % _pattern.Length);
            int n = (int)Math.Min(Math.Min(buffer.Length - total, _pattern.Length - at), _length - _position);
            _pattern.AsSpan(at, n).CopyTo(buffer[total..]);
            total += n;
            _position += n;
        }

        return total;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
