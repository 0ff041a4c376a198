using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Turen.Sdk.Envelope.Format;

/// <summary>
/// AES-GCM over the body of one message: one <see cref="AesGcm"/> instance and one AAD buffer per message, so that
/// frames cost no allocations. The frame AAD is docs/format.md, "Keys".
/// </summary>
internal sealed class BodyCipher : IDisposable
{
    public const int FrameAadLabelLength = 28;

    private static ReadOnlySpan<byte> FrameLabel => "AWSKMSEncryptionClient Frame"u8;

    private static ReadOnlySpan<byte> FinalFrameLabel => "AWSKMSEncryptionClient Final Frame"u8;

    private static ReadOnlySpan<byte> SingleBlockLabel => "AWSKMSEncryptionClient Single Block"u8;

    private readonly AesGcm _aes;
    private readonly byte[] _aad;
    private readonly int _messageIdLength;

    public BodyCipher(ReadOnlySpan<byte> contentKey, ReadOnlySpan<byte> messageId)
    {
        _aes = new AesGcm(contentKey, SuiteInfo.TagLength);
        _messageIdLength = messageId.Length;
        _aad = new byte[messageId.Length + SingleBlockLabel.Length + 4 + 8];
        messageId.CopyTo(_aad);
    }

    public void Encrypt(BodyPart part, uint sequence, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag) =>
        _aes.Encrypt(iv, plaintext, ciphertext, tag, Aad(part, sequence, plaintext.Length));

    /// <summary>Decrypts (in place when the spans coincide); false when the tag does not verify (output is then zeroed).</summary>
    public bool TryDecrypt(BodyPart part, uint sequence, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        try
        {
            _aes.Decrypt(iv, ciphertext, tag, plaintext, Aad(part, sequence, ciphertext.Length));
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Dispose() => _aes.Dispose();

    private ReadOnlySpan<byte> Aad(BodyPart part, uint sequence, long length)
    {
        ReadOnlySpan<byte> label = part switch
        {
            BodyPart.Frame => FrameLabel,
            BodyPart.FinalFrame => FinalFrameLabel,
            _ => SingleBlockLabel,
        };
        Span<byte> aad = _aad;
        label.CopyTo(aad[_messageIdLength..]);
        int offset = _messageIdLength + label.Length;
        BinaryPrimitives.WriteUInt32BigEndian(aad[offset..], sequence);
        BinaryPrimitives.WriteUInt64BigEndian(aad[(offset + 4)..], (ulong)length);
        return aad[..(offset + 12)];
    }
}

/// <summary>Which body AAD label applies.</summary>
internal enum BodyPart
{
    Frame,
    FinalFrame,
    SingleBlock,
}
