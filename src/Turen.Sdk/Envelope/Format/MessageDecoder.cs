using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Envelope.Format;

/// <summary>
/// Opens one message from a stream into another, enforcing the digest's checklist (section 14) in order. A frame's
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

        // 10. A signed suite must carry its verification key and an unsigned one must not.
        bool hasPublicKey = header.Context.TryGetValue(SignatureVerifier.PublicKeyContextKey, out string? publicKey);
        if (suite.IsSigned != hasPublicKey)
        {
            throw Error.Malformed(suite.IsSigned ? "a signed suite without a verification key" : "an unsigned suite with a verification key");
        }

        // 11. Expected context: shared keys must agree; the rest is authenticated but not stored.
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
            // 12–13. The first EDK that unwraps to a key of the suite's length wins.
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

            // 14. Key commitment, in constant time, before the content key is used for anything.
            if (suite.Committing && !CryptographicOperations.FixedTimeEquals(commitKey, parsed.CommitKey.Span))
            {
                throw Error.NotAuthentic("the key commitment does not match");
            }

            // 15. Header tag over the header body and the authenticated-only pairs (nothing at all when there are none).
            VerifyHeaderTag(parsed, contentKey.AsSpan(0, keyLength), authOnlyContext);

            if (suite.IsSigned)
            {
                verifier = SignatureVerifier.ImportPublicKey(suite, publicKey!);
                input.Hash = IncrementalHash.CreateHash(suite.SignatureHash);
                input.Hash.AppendData(parsed.Bytes);
            }

            using var cipher = new BodyCipher(contentKey.AsSpan(0, keyLength), messageId);
            return await ReadBodyAsync(input, destination, parsed, cipher, verifier, options, cancellationToken).ConfigureAwait(false);
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
        MessageInput input, Stream destination, ParsedHeader parsed, BodyCipher cipher, ECDsa? verifier, OpenOptions options, CancellationToken cancellationToken)
    {
        SessionBlobHeader header = parsed.Header;
        long maxFrame = options.MaxFrameLength;
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
            if (header.IsFramed)
            {
                int frameLength = (int)header.FrameLength;
                buffer = ArrayPool<byte>.Shared.Rent(frameLength + SuiteInfo.TagLength);
                plain = ArrayPool<byte>.Shared.Rent(frameLength);
                uint expected = 1;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();

                    // 16. Sequence numbers start at 1 and grow by one; 0xFFFFFFFF marks the final frame.
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

                        // 17. The final frame holds at most one frame's worth.
                        uint length = BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(20));
                        if (length > frameLength)
                        {
                            throw Error.Malformed("the final frame is longer than the frame length");
                        }

                        finalLength = (int)length;
                        ReadOnlyMemory<byte> final = await input.ReadAsync(finalLength + SuiteInfo.TagLength, buffer, cancellationToken).ConfigureAwait(false);

                        // 18, 20. Tag with the body AAD, using the IV the frame carries.
                        if (!cipher.TryDecrypt(BodyPart.FinalFrame, sequence, head.AsSpan(8, 12), final.Span[..finalLength], final.Span[finalLength..], plain.AsSpan(0, finalLength)))
                        {
                            throw Error.NotAuthentic($"the tag of final frame {sequence} does not verify");
                        }

                        frameCount = sequence;
                        break;
                    }

                    if (first != expected)
                    {
                        throw Error.FrameSequence($"frame {first} where frame {expected} was due");
                    }

                    await input.ReadExactlyAsync(head.AsMemory(4, 12), cancellationToken).ConfigureAwait(false);
                    ReadOnlyMemory<byte> frame = await input.ReadAsync(frameLength + SuiteInfo.TagLength, buffer, cancellationToken).ConfigureAwait(false);

                    // Decrypting into a second buffer rather than in place measured faster with OpenSSL's AES-GCM.
                    if (!cipher.TryDecrypt(BodyPart.Frame, first, head.AsSpan(4, 12), frame.Span[..frameLength], frame.Span[frameLength..], plain.AsSpan(0, frameLength)))
                    {
                        throw Error.NotAuthentic($"the tag of frame {first} does not verify");
                    }

                    await destination.WriteAsync(plain.AsMemory(0, frameLength), cancellationToken).ConfigureAwait(false);
                    plaintextLength += frameLength;
                    expected++;
                }
            }
            else
            {
                // 19. Non-framed (legacy): IV ‖ u64 length ‖ ciphertext ‖ tag, AAD sequence 1.
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
                if (!cipher.TryDecrypt(BodyPart.SingleBlock, 1, head.AsSpan(0, 12), body.Span[..finalLength], body.Span[finalLength..], plain.AsSpan(0, finalLength)))
                {
                    throw Error.NotAuthentic("the tag of the body does not verify");
                }

                frameCount = 1;
            }

            // 21. Signature footer over header ‖ body.
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

            // 22. Nothing may follow the message.
            if (!await input.IsAtEndAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Error.TrailingData();
            }

            await destination.WriteAsync(plain!.AsMemory(0, finalLength), cancellationToken).ConfigureAwait(false);
            plaintextLength += finalLength;
            return new SessionBlobResult(header, plaintextLength, input.Position, frameCount);
        }
        finally
        {
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
}
