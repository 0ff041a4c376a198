using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Envelope.Format;

/// <summary>
/// Seals a stream as a version 2, suite 0x0478, framed message (docs/format.md, "What Turen writes" and "Layout"): fresh data key and message id,
/// one encrypted data key, frames with IV = 0^8 ‖ seq, and a final frame holding the last 0..frameLength bytes.
/// </summary>
internal static class MessageEncoder
{
    // Regular frame: seq(4) ‖ IV(12) ‖ ciphertext ‖ tag(16). Final frame: FFFFFFFF ‖ seq(4) ‖ IV(12) ‖ len(4) ‖ ciphertext ‖ tag.
    private const int RegularPrefix = 16;
    private const int FinalPrefix = 24;

    public static async Task<SessionBlobResult> SealAsync(Stream source, Stream destination, IKeyring keyring, SealOptions options, CancellationToken cancellationToken)
    {
        (EncryptionContext stored, EncryptionContext authOnly, EncryptionContext full) = SealContext.Build(options);
        SuiteInfo suite = SuiteInfo.Get(AlgorithmSuite.Aes256GcmHkdfSha512CommitKey);
        int frameLength = options.FrameLength;

        byte[] dataKey = GC.AllocateArray<byte>(32, pinned: true);
        byte[] contentKey = GC.AllocateArray<byte>(32, pinned: true);
        byte[] commitKey = GC.AllocateArray<byte>(32, pinned: true);
        byte[] messageId = new byte[32];
        byte[]? buffer = null;
        byte[]? plain = null;
        try
        {
            RandomNumberGenerator.Fill(dataKey);
            RandomNumberGenerator.Fill(messageId);
            EncryptedDataKey edk = await keyring.WrapAsync(dataKey, full, cancellationToken).ConfigureAwait(false);
            KeyDerivation.Derive(suite, dataKey, messageId, contentKey, commitKey);
            CryptographicOperations.ZeroMemory(dataKey);

            byte[] headerBytes = HeaderWriter.WriteV2(suite, messageId, stored, edk, frameLength, commitKey, contentKey, authOnly);
            await destination.WriteAsync(headerBytes, cancellationToken).ConfigureAwait(false);
            var header = new SessionBlobHeader(2, suite.Id, messageId, stored, new[] { edk }, true, frameLength, headerBytes.Length);

            int lanes = options.MaxDegreeOfParallelism;
            int batchFrames = FrameLanes.BatchFrames(lanes, frameLength);
            using var frameLanes = new FrameLanes(lanes, contentKey, messageId);

            // Plaintext is read one byte past a full batch into its own buffer and encrypted out of place into the
            // wire buffer (measured faster than in place with OpenSSL's AES-GCM); one frame per batch with one lane.
            int batchPlain = batchFrames * frameLength;
            plain = ArrayPool<byte>.Shared.Rent(batchPlain + 1);
            buffer = ArrayPool<byte>.Shared.Rent((batchFrames * (RegularPrefix + frameLength + SuiteInfo.TagLength)) + (FinalPrefix - RegularPrefix));
            var batch = new SealBatch(plain, buffer, frameLength);
            long plaintextLength = 0;
            long blobLength = headerBytes.Length;
            uint sequence = 1;
            int carried = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Read one byte past a full batch: only then is it known whether its last frame is the final one. The
                // reads go frame by frame, each up to one byte past its frame, exactly as one lane asks for them.
                int have = carried;
                ExceptionDispatchInfo? stopped = null;
                try
                {
                    int target = frameLength + 1;
                    while (true)
                    {
                        int read = 1;
                        while (have < target && read > 0)
                        {
                            read = await source.ReadAsync(plain.AsMemory(have, target - have), cancellationToken).ConfigureAwait(false);
                            have += read;
                        }

                        if (have < target || target == batchPlain + 1)
                        {
                            break;
                        }

                        target += frameLength;
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
                catch (Exception ex) when (have > frameLength)
                {
                    // One frame at a time would already have written every frame followed by at least one more byte.
                    stopped = ExceptionDispatchInfo.Capture(ex);
                }

                bool last = stopped is null && have <= batchPlain;
                int regular = have == 0 ? 0 : Math.Min(batchFrames, (have - 1) / frameLength);

                // A regular frame may not take the final frame's last possible sequence number.
                long allowed = uint.MaxValue - (long)sequence;
                bool exhausted = regular > allowed;
                if (exhausted)
                {
                    regular = (int)allowed;
                    last = false;
                }

                int finalLength = last ? have - (regular * frameLength) : -1;
                batch.Prepare(sequence, regular, finalLength);
                int frames = last ? regular + 1 : regular;
                frameLanes.Run(batch, frames);

                // Frame by frame, as one lane writes; a deferred failure must not also cancel what one lane had written.
                CancellationToken writeToken = stopped is null ? cancellationToken : CancellationToken.None;
                for (int i = 0; i < frames; i++)
                {
                    (int offset, int length) = batch.WireRange(i);
                    await destination.WriteAsync(buffer.AsMemory(offset, length), writeToken).ConfigureAwait(false);
                    blobLength += length;
                }

                if (exhausted)
                {
                    throw new InvalidOperationException("The plaintext needs more frames than the format allows; use a larger frame length.");
                }

                stopped?.Throw();
                if (last)
                {
                    await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                    plaintextLength += have;
                    return new SessionBlobResult(header, plaintextLength, blobLength, sequence + (uint)regular);
                }

                plaintextLength += batchPlain;
                plain[0] = plain[batchPlain];
                carried = 1;
                sequence += (uint)regular;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            CryptographicOperations.ZeroMemory(contentKey);
            CryptographicOperations.ZeroMemory(commitKey);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (plain is not null)
            {
                // The plaintext buffer goes back to a shared pool: wipe it first.
                ArrayPool<byte>.Shared.Return(plain, clearArray: true);
            }
        }
    }

    /// <summary>
    /// One batch on the wire: <c>regular</c> full frames, then (on the last batch) the final frame, laid out back to
    /// back in the wire buffer so that lanes write disjoint ranges.
    /// </summary>
    private sealed class SealBatch : IFrameBatch
    {
        private readonly byte[] _plain;
        private readonly byte[] _wire;
        private readonly int _frameLength;
        private uint _firstSequence;
        private int _regular;
        private int _finalLength;

        public SealBatch(byte[] plain, byte[] wire, int frameLength)
        {
            _plain = plain;
            _wire = wire;
            _frameLength = frameLength;
        }

        private int RegularSize => RegularPrefix + _frameLength + SuiteInfo.TagLength;

        /// <summary>Describes the next batch; <paramref name="finalLength"/> is −1 when it has no final frame.</summary>
        public void Prepare(uint firstSequence, int regular, int finalLength)
        {
            _firstSequence = firstSequence;
            _regular = regular;
            _finalLength = finalLength;
        }

        /// <summary>Where frame <paramref name="index"/> of the batch lies in the wire buffer.</summary>
        public (int Offset, int Length) WireRange(int index) =>
            (index * RegularSize, index < _regular ? RegularSize : FinalPrefix + _finalLength + SuiteInfo.TagLength);

        public void Process(BodyCipher cipher, int index)
        {
            uint sequence = _firstSequence + (uint)index;
            ReadOnlySpan<byte> plain = _plain.AsSpan(index * _frameLength);
            if (index < _regular)
            {
                Span<byte> frame = _wire.AsSpan(index * RegularSize, RegularSize);
                BinaryPrimitives.WriteUInt32BigEndian(frame, sequence);
                WriteIv(frame.Slice(4, 12), sequence);
                cipher.Encrypt(BodyPart.Frame, sequence, frame.Slice(4, 12), plain[.._frameLength], frame.Slice(RegularPrefix, _frameLength), frame.Slice(RegularPrefix + _frameLength, SuiteInfo.TagLength));
                return;
            }

            int length = _finalLength;
            Span<byte> final = _wire.AsSpan(index * RegularSize, FinalPrefix + length + SuiteInfo.TagLength);
            BinaryPrimitives.WriteUInt32BigEndian(final, uint.MaxValue);
            BinaryPrimitives.WriteUInt32BigEndian(final[4..], sequence);
            WriteIv(final.Slice(8, 12), sequence);
            BinaryPrimitives.WriteUInt32BigEndian(final[20..], (uint)length);
            cipher.Encrypt(BodyPart.FinalFrame, sequence, final.Slice(8, 12), plain[..length], final.Slice(FinalPrefix, length), final.Slice(FinalPrefix + length, SuiteInfo.TagLength));
        }
    }

    private static void WriteIv(Span<byte> iv, uint sequence)
    {
        iv[..8].Clear();
        BinaryPrimitives.WriteUInt32BigEndian(iv[8..], sequence);
    }
}
