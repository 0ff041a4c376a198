using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Envelope.Format;

/// <summary>
/// Reads a message header field by field from a stream and enforces the header checks 1–5 of docs/format.md ("What
/// Turen reads"; the numbered comments below follow that list) in order. The EDK count is compared with the cap before any entry is read, and a legacy
/// or signed suite is refused before anything after the suite id is read.
/// </summary>
internal static class HeaderReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    // enforcePolicy is false only for inspection: report the header whatever its suite or key count.
    public static async ValueTask<ParsedHeader> ReadAsync(MessageInput input, OpenOptions options, bool enforcePolicy, CancellationToken cancellationToken)
    {
        var bytes = new Accumulator(input);

        // Check 1: version.
        int at = await bytes.TakeAsync(1, cancellationToken).ConfigureAwait(false);
        byte version = bytes[at];
        if (version is not (1 or 2))
        {
            throw Error.Malformed(version is (byte)'A' ? $"unknown version byte 0x{version:X2} (the input looks base64-encoded; decode it first)" : $"unknown version byte 0x{version:X2}");
        }

        // Check 1: the v1 type byte.
        if (version == 1)
        {
            at = await bytes.TakeAsync(1, cancellationToken).ConfigureAwait(false);
            if (bytes[at] != 0x80)
            {
                throw Error.Malformed($"unknown message type 0x{bytes[at]:X2}");
            }
        }

        // Check 2: suite, then the commitment and signing policy, before anything else is read.
        at = await bytes.TakeAsync(2, cancellationToken).ConfigureAwait(false);
        ushort suiteId = bytes.U16(at);
        if (!SuiteInfo.TryGet(suiteId, out SuiteInfo? suite) || suite.MessageVersion != version)
        {
            throw Error.Malformed($"unknown algorithm suite 0x{suiteId:X4} for format version {version}");
        }

        if (enforcePolicy && !suite.Committing && !options.AllowLegacy)
        {
            throw Error.LegacyRefused(suiteId);
        }

        if (enforcePolicy && suite.IsSigned && !options.AllowSigned)
        {
            throw Error.SignedRefused(suiteId);
        }

        at = await bytes.TakeAsync(suite.MessageIdLength, cancellationToken).ConfigureAwait(false);
        byte[] messageId = bytes.Slice(at, suite.MessageIdLength).ToArray();

        // Check 3: encryption context.
        at = await bytes.TakeAsync(2, cancellationToken).ConfigureAwait(false);
        int contextLength = bytes.U16(at);
        at = await bytes.TakeAsync(contextLength, cancellationToken).ConfigureAwait(false);
        if (!EncryptionContext.TryParse(bytes.Slice(at, contextLength), out EncryptionContext? context))
        {
            throw Error.Malformed("the encryption context does not parse (bad count, length, UTF-8 or a repeated key)");
        }

        // Check 4: EDK count, capped before any entry is read.
        at = await bytes.TakeAsync(2, cancellationToken).ConfigureAwait(false);
        int edkCount = bytes.U16(at);
        if (edkCount == 0)
        {
            throw Error.Malformed("the header lists no encrypted data key");
        }

        if (enforcePolicy && edkCount > options.MaxEncryptedDataKeys)
        {
            throw Error.TooManyKeys(edkCount, options.MaxEncryptedDataKeys);
        }

        // Check 5: every length-prefixed field must be present in full.
        var edks = new List<EncryptedDataKey>(edkCount);
        for (int i = 0; i < edkCount; i++)
        {
            ReadOnlyMemory<byte> providerIdBytes = await ReadFieldAsync(bytes, cancellationToken).ConfigureAwait(false);
            string providerId;
            try
            {
                providerId = StrictUtf8.GetString(providerIdBytes.Span);
            }
            catch (DecoderFallbackException)
            {
                throw Error.Malformed("an encrypted data key's provider id is not UTF-8");
            }

            ReadOnlyMemory<byte> providerInfo = await ReadFieldAsync(bytes, cancellationToken).ConfigureAwait(false);
            ReadOnlyMemory<byte> ciphertext = await ReadFieldAsync(bytes, cancellationToken).ConfigureAwait(false);
            edks.Add(new EncryptedDataKey(providerId, providerInfo, ciphertext));
        }

        // Checks 5 and 1: content type and frame length (v1 also has a reserved field and the IV length).
        at = await bytes.TakeAsync(1, cancellationToken).ConfigureAwait(false);
        byte contentType = bytes[at];
        if (contentType is not (1 or 2))
        {
            throw Error.Malformed($"unknown content type 0x{contentType:X2}");
        }

        if (version == 1)
        {
            at = await bytes.TakeAsync(5, cancellationToken).ConfigureAwait(false);
            if (BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(at, 4)) != 0)
            {
                throw Error.Malformed("the reserved field is not zero");
            }

            if (bytes[at + 4] != SuiteInfo.IvLength)
            {
                throw Error.Malformed($"IV length {bytes[at + 4]} is not {SuiteInfo.IvLength}");
            }
        }

        at = await bytes.TakeAsync(4, cancellationToken).ConfigureAwait(false);
        uint frameLength = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(at, 4));
        bool framed = contentType == 2;
        if (framed ? frameLength == 0 : frameLength != 0)
        {
            throw Error.Malformed(framed ? "a framed message has frame length 0" : "a non-framed message has a frame length");
        }

        // Check 5: v2 suite data, the commit key.
        ReadOnlyMemory<byte> commitKey = ReadOnlyMemory<byte>.Empty;
        if (suite.Committing)
        {
            at = await bytes.TakeAsync(SuiteInfo.CommitKeyLength, cancellationToken).ConfigureAwait(false);
            commitKey = bytes.Slice(at, SuiteInfo.CommitKeyLength).ToArray();
        }

        byte[] body = bytes.Slice(0, bytes.Length).ToArray();

        ReadOnlyMemory<byte> authIv = new byte[SuiteInfo.IvLength];
        if (version == 1)
        {
            at = await bytes.TakeAsync(SuiteInfo.IvLength, cancellationToken).ConfigureAwait(false);
            authIv = bytes.Slice(at, SuiteInfo.IvLength).ToArray();
        }

        at = await bytes.TakeAsync(SuiteInfo.TagLength, cancellationToken).ConfigureAwait(false);
        byte[] authTag = bytes.Slice(at, SuiteInfo.TagLength).ToArray();

        var header = new SessionBlobHeader(version, suite.Id, messageId, context, edks.AsReadOnly(), framed, frameLength, bytes.Length);
        return new ParsedHeader
        {
            Header = header,
            Suite = suite,
            Body = body,
            Bytes = bytes.Slice(0, bytes.Length).ToArray(),
            CommitKey = commitKey,
            AuthIv = authIv,
            AuthTag = authTag,
        };
    }

    private static async ValueTask<ReadOnlyMemory<byte>> ReadFieldAsync(Accumulator bytes, CancellationToken cancellationToken)
    {
        int at = await bytes.TakeAsync(2, cancellationToken).ConfigureAwait(false);
        int length = bytes.U16(at);
        at = await bytes.TakeAsync(length, cancellationToken).ConfigureAwait(false);
        return bytes.Slice(at, length).ToArray();
    }

    /// <summary>Collects the header bytes as they are read; the header tag covers them exactly as received.</summary>
    private sealed class Accumulator
    {
        private readonly MessageInput _input;
        private byte[] _buffer = new byte[512];

        public Accumulator(MessageInput input) => _input = input;

        public int Length { get; private set; }

        public byte this[int index] => _buffer[index];

        public async ValueTask<int> TakeAsync(int count, CancellationToken cancellationToken)
        {
            if (_buffer.Length - Length < count)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
            }

            int start = Length;
            await _input.ReadExactlyAsync(_buffer.AsMemory(start, count), cancellationToken).ConfigureAwait(false);
            Length += count;
            return start;
        }

        public ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(at, 2));

        public ReadOnlySpan<byte> Slice(int at, int count) => _buffer.AsSpan(at, count);
    }
}
