using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Turen.Sdk.Envelope.Format;

/// <summary>Serializes a version 2 header with one encrypted data key and its authentication tag (docs/format.md, "Layout" and "Keys").</summary>
internal static class HeaderWriter
{
    public static byte[] WriteV2(
        SuiteInfo suite,
        ReadOnlySpan<byte> messageId,
        EncryptionContext storedContext,
        EncryptedDataKey edk,
        int frameLength,
        ReadOnlySpan<byte> commitKey,
        ReadOnlySpan<byte> contentKey,
        EncryptionContext authenticatedOnly)
    {
        byte[] providerId = Encoding.UTF8.GetBytes(edk.ProviderId);
        if (providerId.Length > ushort.MaxValue || edk.ProviderInfo.Length > ushort.MaxValue || edk.Ciphertext.Length > ushort.MaxValue)
        {
            throw new InvalidOperationException("The keyring returned an encrypted data key with a field longer than 65,535 bytes.");
        }

        int bodyLength = 1 + 2 + messageId.Length + 2 + storedContext.SerializedLength + 2
            + 2 + providerId.Length + 2 + edk.ProviderInfo.Length + 2 + edk.Ciphertext.Length
            + 1 + 4 + SuiteInfo.CommitKeyLength;
        byte[] header = new byte[bodyLength + SuiteInfo.TagLength];
        Span<byte> span = header;
        int at = 0;
        span[at++] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)suite.Id);
        at += 2;
        messageId.CopyTo(span[at..]);
        at += messageId.Length;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)storedContext.SerializedLength);
        at += 2;
        at += storedContext.WriteTo(span[at..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], 1);
        at += 2;
        at += WriteField(span[at..], providerId);
        at += WriteField(span[at..], edk.ProviderInfo.Span);
        at += WriteField(span[at..], edk.Ciphertext.Span);
        span[at++] = 2;
        BinaryPrimitives.WriteUInt32BigEndian(span[at..], (uint)frameLength);
        at += 4;
        commitKey.CopyTo(span[at..]);
        at += SuiteInfo.CommitKeyLength;

        // The header tag: AES-GCM over nothing, IV all zero, AAD = header body ‖ authenticated-only pairs.
        byte[] aad = new byte[bodyLength + authenticatedOnly.SerializedLength];
        header.AsSpan(0, bodyLength).CopyTo(aad);
        authenticatedOnly.WriteTo(aad.AsSpan(bodyLength));
        using var aes = new AesGcm(contentKey, SuiteInfo.TagLength);
        Span<byte> zeroIv = stackalloc byte[SuiteInfo.IvLength];
        zeroIv.Clear();
        aes.Encrypt(zeroIv, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, span.Slice(at, SuiteInfo.TagLength), aad);
        return header;
    }

    private static int WriteField(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)value.Length);
        value.CopyTo(destination[2..]);
        return 2 + value.Length;
    }
}
