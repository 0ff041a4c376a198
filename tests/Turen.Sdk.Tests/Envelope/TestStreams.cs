using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Tests.Envelope;

/// <summary>The kinds of source a streaming test goes through.</summary>
internal static class TestSources
{
    /// <summary>Synchronous, yielding (asynchronous completion) and trickling (short reads) sources over the same bytes.</summary>
    public static IEnumerable<Func<byte[], Stream>> All() => new Func<byte[], Stream>[]
    {
        data => new MemoryStream(data, writable: false),
        data => new YieldingReadStream(data),
        data => new TrickleStream(data, 997),
    };
}

/// <summary>A source whose reads complete asynchronously, as a file or socket's do.</summary>
internal sealed class YieldingReadStream : MemoryStream
{
    public YieldingReadStream(byte[] data)
        : base(data, writable: false)
    {
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return await base.ReadAsync(buffer, cancellationToken);
    }
}

/// <summary>A destination whose writes complete asynchronously.</summary>
internal sealed class YieldingWriteStream : Stream
{
    private readonly Stream _inner;

    public YieldingWriteStream(Stream inner) => _inner = inner;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Copy first: the caller may reuse its buffer once this completes, never before.
        byte[] copy = buffer.ToArray();
        await Task.Yield();
        await _inner.WriteAsync(copy, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>A source that hands out at most <c>max</c> bytes per read, as a slow pipe does.</summary>
internal sealed class TrickleStream : MemoryStream
{
    private readonly int _max;

    public TrickleStream(byte[] data, int max)
        : base(data, writable: false) => _max = max;

    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _max));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, _max)]);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, _max)], cancellationToken);
}

/// <summary>Serves <c>failAt</c> bytes, then throws; optionally completing every read asynchronously.</summary>
internal sealed class FailingStream : MemoryStream
{
    private readonly int _failAt;
    private readonly bool _yielding;

    public FailingStream(byte[] data, int failAt, bool yielding = false)
        : base(data, writable: false)
    {
        _failAt = failAt;
        _yielding = yielding;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_yielding)
        {
            await Task.Yield();
        }

        if (Position >= _failAt)
        {
            throw new IOException("the disk went away");
        }

        return await base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _failAt - Position)], cancellationToken);
    }
}

/// <summary>Cancels the token once a number of bytes were read, as a caller giving up half-way would.</summary>
internal sealed class CancellingStream : MemoryStream
{
    private readonly CancellationTokenSource _cts;
    private readonly int _after;

    public CancellingStream(byte[] data, CancellationTokenSource cts, int after)
        : base(data, writable: false)
    {
        _cts = cts;
        _after = after;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Position >= _after)
        {
            _cts.Cancel();
        }

        return base.ReadAsync(buffer, cancellationToken);
    }
}

/// <summary>Accepts whole writes up to a capacity, then fails, as a full disk does.</summary>
internal sealed class CappedStream : MemoryStream
{
    private readonly int _capacity;

    public CappedStream(int capacity) => _capacity = capacity;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Length + buffer.Length > _capacity ? ValueTask.FromException(new IOException("the disk is full")) : base.WriteAsync(buffer, cancellationToken);
}
