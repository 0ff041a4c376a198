using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Envelope.Format;

/// <summary>
/// Opens one message from a stream into another, enforcing the checks of docs/format.md ("What Turen reads"; 1–5 in
/// <see cref="HeaderReader"/>, the numbered comments below follow the same list) in order. A frame's
/// plaintext is written only after its tag verified; the final frame's plaintext is held back until everything after
/// it (signature footer, end of input) checked out, so a truncated or extended message never looks complete.
/// </summary>
internal static class MessageDecoder
{
    private const long MaxNonFramedLength = (1L << 36) - 32;

    public static async Task<SessionBlobResult> OpenAsync(Stream source, Stream destination, IKeyring keyring, OpenOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options.ExpectedContext, nameof(options));
        using var input = new MessageInput(source);
        ParsedHeader parsed = await HeaderReader.ReadAsync(input, options, enforcePolicy: true, cancellationToken).ConfigureAwait(false);
        SuiteInfo suite = parsed.Suite;
        SessionBlobHeader header = parsed.Header;

        // Check 6: a signed suite must carry its verification key and an unsigned one must not.
        bool hasPublicKey = header.Context.TryGetValue(SignatureVerifier.PublicKeyContextKey, out string? publicKey);
        if (suite.IsSigned != hasPublicKey)
        {
            throw Error.Malformed(suite.IsSigned ? "a signed suite without a verification key" : "an unsigned suite with a verification key");
        }

        // Check 7: expected context; shared keys must agree; the rest is authenticated but not stored.
        var authenticatedOnly = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string> pair in options.ExpectedContext)
        {
            if (header.Context.TryGetValue(pair.Key, out string? stored))
            {
                if (!string.Equals(stored, pair.Value, StringComparison.Ordinal))
                {
                    throw Error.ContextMismatch(pair.Key);
                }
            }
            else
            {
                authenticatedOnly.Add(pair);
            }
        }

        EncryptionContext authOnlyContext = EncryptionContext.Create(authenticatedOnly);
        EncryptionContext fullContext = header.Context.Union(authOnlyContext);

        int keyLength = suite.KeyLength;
        byte[] dataKey = GC.AllocateArray<byte>(SuiteInfo.MaxKeyLength, pinned: true);
        byte[] contentKey = GC.AllocateArray<byte>(SuiteInfo.MaxKeyLength, pinned: true);
        byte[] commitKey = GC.AllocateArray<byte>(SuiteInfo.CommitKeyLength, pinned: true);
        ECDsa? verifier = null;
        try
        {
            // Check 8: the first EDK that unwraps to a key of the suite's length wins.
            bool unwrapped = false;
            foreach (EncryptedDataKey edk in header.EncryptedDataKeys)
            {
                int written = await keyring.TryUnwrapAsync(edk, fullContext, dataKey, cancellationToken).ConfigureAwait(false);
                if (written == keyLength)
                {
                    unwrapped = true;
                    break;
                }

                CryptographicOperations.ZeroMemory(dataKey);
            }

            if (!unwrapped)
            {
                throw Error.NoMatchingKey(header.EncryptedDataKeys.Count);
            }

            byte[] messageId = header.MessageId.ToArray();
            KeyDerivation.Derive(suite, dataKey.AsSpan(0, keyLength), messageId, contentKey.AsSpan(0, keyLength), commitKey);
            CryptographicOperations.ZeroMemory(dataKey);

            // Check 9: key commitment, in constant time, before the content key is used for anything.
            if (suite.Committing && !CryptographicOperations.FixedTimeEquals(commitKey, parsed.CommitKey.Span))
            {
                throw Error.NotAuthentic("the key commitment does not match");
            }

            // Check 10: header tag over the header body and the authenticated-only pairs (nothing at all when there are none).
            VerifyHeaderTag(parsed, contentKey.AsSpan(0, keyLength), authOnlyContext);

            if (suite.IsSigned)
            {
                verifier = SignatureVerifier.ImportPublicKey(suite, publicKey!);
                input.Hash = IncrementalHash.CreateHash(suite.SignatureHash);
                input.Hash.AppendData(parsed.Bytes);
            }

            using var lanes = new FrameLanes(header.IsFramed ? options.MaxDegreeOfParallelism : 1, contentKey.AsSpan(0, keyLength), messageId);
            return await ReadBodyAsync(input, destination, parsed, lanes, verifier, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            CryptographicOperations.ZeroMemory(contentKey);
            CryptographicOperations.ZeroMemory(commitKey);
            verifier?.Dispose();
        }
    }

    private static void VerifyHeaderTag(ParsedHeader parsed, ReadOnlySpan<byte> contentKey, EncryptionContext authOnlyContext)
    {
        byte[] aad = new byte[parsed.Body.Length + authOnlyContext.SerializedLength];
        parsed.Body.CopyTo(aad, 0);
        authOnlyContext.WriteTo(aad.AsSpan(parsed.Body.Length));
        using var aes = new AesGcm(contentKey, SuiteInfo.TagLength);
        try
        {
            aes.Decrypt(parsed.AuthIv.Span, ReadOnlySpan<byte>.Empty, parsed.AuthTag.Span, Span<byte>.Empty, aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Error.NotAuthentic("the header tag does not verify");
        }
    }

    private static async Task<SessionBlobResult> ReadBodyAsync(
        MessageInput input, Stream destination, ParsedHeader parsed, FrameLanes lanes, ECDsa? verifier, OpenOptions options, CancellationToken cancellationToken)
    {
        SessionBlobHeader header = parsed.Header;
        long maxFrame = options.MaxFrameLength;
        // Check 11: the frame size limit, only now that the header is authentic.
        if (header.IsFramed && header.FrameLength > maxFrame)
        {
            throw Error.LimitExceeded(header.FrameLength, options.MaxFrameLength);
        }

        byte[] head = new byte[24];
        byte[]? buffer = null;
        byte[]? plain = null;
        try
        {
            long plaintextLength = 0;
            long frameCount;
            int finalLength;
            int finalOffset = 0;
            if (header.IsFramed)
            {
                int frameLength = (int)header.FrameLength;
                int batchFrames = FrameLanes.BatchFrames(options.MaxDegreeOfParallelism, frameLength);
                // An exposed in-memory input is decrypted where it lies and needs no ciphertext buffer.
                buffer = input.ReadsInPlace ? Array.Empty<byte>() : ArrayPool<byte>.Shared.Rent(batchFrames * (frameLength + SuiteInfo.TagLength));
                plain = ArrayPool<byte>.Shared.Rent(batchFrames * frameLength);
                var batch = new OpenBatch(batchFrames, plain, frameLength);
                uint expected = 1;
                while (true)
                {
                    // Gather a batch (one frame with one lane), checking each frame's framing as it is read.
                    int count = 0;
                    bool final = false;
                    ExceptionDispatchInfo? stopped = null;
                    try
                    {
                        while (count < batchFrames && !final)
                        {
                            final = await ReadFrameAsync(input, head, batch, count, expected, frameLength, buffer, cancellationToken).ConfigureAwait(false);
                            count++;
                            expected++;
                        }
                    }
                    catch (Exception ex) when (count > 0)
                    {
                        // The frames before the failure are verified and released first, exactly as reading one
                        // frame at a time would have done: the earliest failure in the stream is the one reported.
                        stopped = ExceptionDispatchInfo.Capture(ex);
                    }

                    lanes.Run(batch, count);

                    // 18, 20. Release frames in order up to the first whose tag failed; the final frame is held back.
                    // Frame by frame, as one lane writes; a deferred failure must not also cancel what one lane had written.
                    int verified = batch.CountVerified(count);
                    int release = Math.Min(verified, final ? count - 1 : count);
                    CancellationToken writeToken = stopped is null ? cancellationToken : CancellationToken.None;
                    for (int i = 0; i < release; i++)
                    {
                        await destination.WriteAsync(plain.AsMemory(i * frameLength, frameLength), writeToken).ConfigureAwait(false);
                        plaintextLength += frameLength;
                    }

                    if (verified < count)
                    {
                        throw Error.NotAuthentic(batch.Describe(verified));
                    }

                    stopped?.Throw();
                    if (final)
                    {
                        finalOffset = (count - 1) * frameLength;
                        finalLength = batch.Lengths[count - 1];
                        frameCount = batch.Sequences[count - 1];
                        break;
                    }
                }
            }
            else
            {
                // Non-framed (legacy) body: IV ‖ u64 length ‖ ciphertext ‖ tag, AAD sequence 1.
                await input.ReadExactlyAsync(head.AsMemory(0, 20), cancellationToken).ConfigureAwait(false);
                ulong length = BinaryPrimitives.ReadUInt64BigEndian(head.AsSpan(12));
                if (length > MaxNonFramedLength)
                {
                    throw Error.Malformed("the non-framed body is longer than the format allows");
                }

                if (length > (ulong)maxFrame)
                {
                    throw Error.LimitExceeded((long)length, options.MaxFrameLength);
                }

                finalLength = (int)length;
                buffer = ArrayPool<byte>.Shared.Rent(finalLength + SuiteInfo.TagLength);
                plain = ArrayPool<byte>.Shared.Rent(finalLength);
                ReadOnlyMemory<byte> body = await input.ReadAsync(finalLength + SuiteInfo.TagLength, buffer, cancellationToken).ConfigureAwait(false);
                if (!lanes.Cipher.TryDecrypt(BodyPart.SingleBlock, 1, head.AsSpan(0, 12), body.Span[..finalLength], body.Span[finalLength..], plain.AsSpan(0, finalLength)))
                {
                    throw Error.NotAuthentic("the tag of the body does not verify");
                }

                frameCount = 1;
            }

            // Check 13: signature footer over header ‖ body.
            if (verifier is not null)
            {
                IncrementalHash hash = input.Hash!;
                input.Hash = null;
                byte[] digest = hash.GetHashAndReset();
                hash.Dispose();
                await input.ReadExactlyAsync(head.AsMemory(0, 2), cancellationToken).ConfigureAwait(false);
                int signatureLength = BinaryPrimitives.ReadUInt16BigEndian(head);
                byte[] signature = new byte[signatureLength];
                await input.ReadExactlyAsync(signature, cancellationToken).ConfigureAwait(false);
                if (!SignatureVerifier.Verify(verifier, digest, signature))
                {
                    throw Error.NotAuthentic("the signature does not verify");
                }
            }

            // Check 13: nothing may follow the message.
            if (!await input.IsAtEndAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Error.TrailingData();
            }

            await destination.WriteAsync(plain!.AsMemory(finalOffset, finalLength), cancellationToken).ConfigureAwait(false);
            plaintextLength += finalLength;
            return new SessionBlobResult(header, plaintextLength, input.Position, frameCount);
        }
        finally
        {
            if (buffer is { Length: > 0 })
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
    /// Reads frame <paramref name="slot"/> of a batch (16. sequence, 17. final-frame length) and returns whether it is
    /// the final frame. An exposed in-memory input is viewed in place; otherwise the frame lands in its slot of
    /// <paramref name="scratch"/>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> ReadFrameAsync(
        MessageInput input, byte[] head, OpenBatch batch, int slot, uint expected, int frameLength, byte[] scratch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Memory<byte> target = input.ReadsInPlace ? Memory<byte>.Empty : scratch.AsMemory(slot * (frameLength + SuiteInfo.TagLength));
        Memory<byte> iv = batch.Ivs.AsMemory(slot * 12, 12);

        // Check 12: sequence numbers start at 1 and grow by one; 0xFFFFFFFF marks the final frame.
        await input.ReadExactlyAsync(head.AsMemory(0, 4), cancellationToken).ConfigureAwait(false);
        uint first = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (first == uint.MaxValue)
        {
            await input.ReadExactlyAsync(head.AsMemory(4, 20), cancellationToken).ConfigureAwait(false);
            uint sequence = BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(4));
            if (sequence != expected)
            {
                throw Error.FrameSequence($"final frame {sequence} where frame {expected} was due");
            }

            // Check 12: the final frame holds at most one frame's worth.
            uint length = BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(20));
            if (length > frameLength)
            {
                throw Error.Malformed("the final frame is longer than the frame length");
            }

            head.AsSpan(8, 12).CopyTo(iv.Span);
            ReadOnlyMemory<byte> final = await input.ReadAsync((int)length + SuiteInfo.TagLength, target, cancellationToken).ConfigureAwait(false);
            batch.Set(slot, sequence, (int)length, final, isFinal: true);
            return true;
        }

        if (first != expected)
        {
            throw Error.FrameSequence($"frame {first} where frame {expected} was due");
        }

        await input.ReadExactlyAsync(iv, cancellationToken).ConfigureAwait(false);
        ReadOnlyMemory<byte> frame = await input.ReadAsync(frameLength + SuiteInfo.TagLength, target, cancellationToken).ConfigureAwait(false);
        batch.Set(slot, first, frameLength, frame, isFinal: false);
        return false;
    }

    /// <summary>The frames of one batch, as read: what each lane needs to decrypt frame i into its slot of the plaintext buffer.</summary>
    private sealed class OpenBatch : IFrameBatch
    {
        private readonly byte[] _plain;
        private readonly int _frameLength;
        private readonly ReadOnlyMemory<byte>[] _data;
        private readonly bool[] _final;
        private readonly bool[] _verified;

        public OpenBatch(int frames, byte[] plain, int frameLength)
        {
            _plain = plain;
            _frameLength = frameLength;
            _data = new ReadOnlyMemory<byte>[frames];
            _final = new bool[frames];
            _verified = new bool[frames];
            Sequences = new uint[frames];
            Lengths = new int[frames];
            Ivs = new byte[frames * 12];
        }

        public uint[] Sequences { get; }

        public int[] Lengths { get; }

        public byte[] Ivs { get; }

        public void Set(int slot, uint sequence, int length, ReadOnlyMemory<byte> ciphertextAndTag, bool isFinal)
        {
            Sequences[slot] = sequence;
            Lengths[slot] = length;
            _data[slot] = ciphertextAndTag;
            _final[slot] = isFinal;
        }

        /// <summary>Decrypts frame <paramref name="index"/> with the IV it carries; decrypting into a second buffer rather than in place measured faster with OpenSSL.</summary>
        public void Process(BodyCipher cipher, int index)
        {
            int length = Lengths[index];
            ReadOnlySpan<byte> data = _data[index].Span;
            _verified[index] = cipher.TryDecrypt(
                _final[index] ? BodyPart.FinalFrame : BodyPart.Frame,
                Sequences[index],
                Ivs.AsSpan(index * 12, 12),
                data[..length],
                data[length..],
                _plain.AsSpan(index * _frameLength, length));
        }

        /// <summary>The number of leading frames of the batch whose tags verified.</summary>
        public int CountVerified(int count)
        {
            int i = 0;
            while (i < count && _verified[i])
            {
                i++;
            }

            return i;
        }

        public string Describe(int index) =>
            _final[index] ? $"the tag of final frame {Sequences[index]} does not verify" : $"the tag of frame {Sequences[index]} does not verify";
    }
}
