using System;
using System.IO;
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
    private readonly byte[] _probe = new byte[1];

    public MessageInput(Stream stream) => _stream = stream;

    /// <summary>Bytes consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>When set, every byte read is appended to it (signed suites hash header ‖ body).</summary>
    public IncrementalHash? Hash { get; set; }

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

    /// <summary>True when the input has no more bytes (reads at most one byte).</summary>
    public async ValueTask<bool> IsAtEndAsync(CancellationToken cancellationToken) =>
        await _stream.ReadAsync(_probe, cancellationToken).ConfigureAwait(false) == 0;

    public void Dispose() => Hash?.Dispose();
}
