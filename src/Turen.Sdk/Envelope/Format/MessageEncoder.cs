using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Envelope.Format;

/// <summary>
/// Seals a stream as a version 2, suite 0x0478, framed message (digest section 15): fresh data key and message id,
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

            using var cipher = new BodyCipher(contentKey, messageId);
            // Plaintext is read one byte past a full frame into its own buffer and encrypted out of place into the
            // frame buffer (measured faster than in place with OpenSSL's AES-GCM).
            plain = ArrayPool<byte>.Shared.Rent(frameLength + 1);
            buffer = ArrayPool<byte>.Shared.Rent(frameLength + FinalPrefix + SuiteInfo.TagLength);
            long plaintextLength = 0;
            long blobLength = headerBytes.Length;
            uint sequence = 1;
            int carried = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Read one byte past a full frame: only then is it known whether this frame is the final one.
                int wanted = frameLength + 1 - carried;
                int read = await source.ReadAtLeastAsync(plain.AsMemory(carried, wanted), wanted, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                int have = carried + read;
                if (have > frameLength)
                {
                    if (sequence == uint.MaxValue)
                    {
                        throw new InvalidOperationException("The plaintext needs more frames than the format allows; use a larger frame length.");
                    }

                    int frameBytes = EncryptRegularFrame(cipher, plain, buffer, frameLength, sequence);
                    await destination.WriteAsync(buffer.AsMemory(0, frameBytes), cancellationToken).ConfigureAwait(false);
                    blobLength += frameBytes;
                    plaintextLength += frameLength;
                    plain[0] = plain[frameLength];
                    carried = 1;
                    sequence++;
                    continue;
                }

                int finalBytes = EncryptFinalFrame(cipher, plain, buffer, have, sequence);
                await destination.WriteAsync(buffer.AsMemory(0, finalBytes), cancellationToken).ConfigureAwait(false);
                await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                blobLength += finalBytes;
                plaintextLength += have;
                return new SessionBlobResult(header, plaintextLength, blobLength, sequence);
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

    /// <summary>Encrypts one full frame of <paramref name="plain"/> into <paramref name="buffer"/>; returns its wire size.</summary>
    private static int EncryptRegularFrame(BodyCipher cipher, byte[] plain, byte[] buffer, int frameLength, uint sequence)
    {
        Span<byte> frame = buffer.AsSpan(0, RegularPrefix + frameLength + SuiteInfo.TagLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame, sequence);
        WriteIv(frame.Slice(4, 12), sequence);
        cipher.Encrypt(BodyPart.Frame, sequence, frame.Slice(4, 12), plain.AsSpan(0, frameLength), frame.Slice(RegularPrefix, frameLength), frame.Slice(RegularPrefix + frameLength, SuiteInfo.TagLength));
        return frame.Length;
    }

    /// <summary>Encrypts the last <paramref name="length"/> bytes as the final frame; returns its wire size.</summary>
    private static int EncryptFinalFrame(BodyCipher cipher, byte[] plain, byte[] buffer, int length, uint sequence)
    {
        Span<byte> final = buffer.AsSpan(0, FinalPrefix + length + SuiteInfo.TagLength);
        BinaryPrimitives.WriteUInt32BigEndian(final, uint.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(final[4..], sequence);
        WriteIv(final.Slice(8, 12), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(final[20..], (uint)length);
        cipher.Encrypt(BodyPart.FinalFrame, sequence, final.Slice(8, 12), plain.AsSpan(0, length), final.Slice(FinalPrefix, length), final.Slice(FinalPrefix + length, SuiteInfo.TagLength));
        return final.Length;
    }

    private static void WriteIv(Span<byte> iv, uint sequence)
    {
        iv[..8].Clear();
        BinaryPrimitives.WriteUInt32BigEndian(iv[8..], sequence);
    }
}
