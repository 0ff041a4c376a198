using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Turen.Sdk.Envelope.Format;

/// <summary>Derives a message's content key (and commit key) from its data key (docs/format.md, "Keys").</summary>
internal static class KeyDerivation
{
    private static ReadOnlySpan<byte> DeriveKeyLabel => "DERIVEKEY"u8;

    private static ReadOnlySpan<byte> CommitKeyLabel => "COMMITKEY"u8;

    /// <summary>
    /// Writes the content key (suite key length) and, for committing suites, the commit key (32 bytes).
    /// </summary>
    public static void Derive(SuiteInfo suite, ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> messageId, Span<byte> contentKey, Span<byte> commitKey)
    {
        ushort suiteId = (ushort)suite.Id;
        if (suite.Kdf is not HashAlgorithmName kdf)
        {
            dataKey.CopyTo(contentKey);
            return;
        }

        if (!suite.Committing)
        {
            // v1: HKDF with no salt (hash-length zeros) and info = suite id ‖ message id.
            Span<byte> info = stackalloc byte[2 + 16];
            BinaryPrimitives.WriteUInt16BigEndian(info, suiteId);
            messageId.CopyTo(info[2..]);
            HKDF.DeriveKey(kdf, dataKey, contentKey, ReadOnlySpan<byte>.Empty, info);
            return;
        }

        // v2: one extract with the message id as salt, then two expands with different labels.
        Span<byte> prk = stackalloc byte[64];
        Span<byte> deriveInfo = stackalloc byte[2 + 9];
        try
        {
            HKDF.Extract(kdf, dataKey, messageId, prk);
            BinaryPrimitives.WriteUInt16BigEndian(deriveInfo, suiteId);
            DeriveKeyLabel.CopyTo(deriveInfo[2..]);
            HKDF.Expand(kdf, prk, contentKey, deriveInfo);
            HKDF.Expand(kdf, prk, commitKey, CommitKeyLabel);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }
}
