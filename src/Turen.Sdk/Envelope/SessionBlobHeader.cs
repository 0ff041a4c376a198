using System;
using System.Collections.Generic;

namespace Turen.Sdk.Envelope;

/// <summary>
/// The header of a session blob: everything but the content. Nothing in it is secret. A header returned by
/// <see cref="SessionBlob.OpenAsync"/> or a seal method is authenticated; one from
/// <see cref="SessionBlob.ReadUnverifiedHeaderAsync"/> is not.
/// </summary>
public sealed class SessionBlobHeader
{
    internal SessionBlobHeader(
        int version,
        AlgorithmSuite suite,
        ReadOnlyMemory<byte> messageId,
        EncryptionContext context,
        IReadOnlyList<EncryptedDataKey> encryptedDataKeys,
        bool isFramed,
        long frameLength,
        int length)
    {
        Version = version;
        Suite = suite;
        MessageId = messageId;
        Context = context;
        EncryptedDataKeys = encryptedDataKeys;
        IsFramed = isFramed;
        FrameLength = frameLength;
        Length = length;
    }

    /// <summary>The message format version: 2, or 1 for legacy messages.</summary>
    public int Version { get; }

    /// <summary>The algorithm suite.</summary>
    public AlgorithmSuite Suite { get; }

    /// <summary>The message id (32 bytes in version 2, 16 in version 1).</summary>
    public ReadOnlyMemory<byte> MessageId { get; }

    /// <summary>The encryption context stored in the header (pairs authenticated but not stored are not listed).</summary>
    public EncryptionContext Context { get; }

    /// <summary>The encrypted data keys, in header order.</summary>
    public IReadOnlyList<EncryptedDataKey> EncryptedDataKeys { get; }

    /// <summary>True for a framed body (everything Turen writes); false for a legacy single-block body.</summary>
    public bool IsFramed { get; }

    /// <summary>The plaintext bytes per frame; 0 for a non-framed body.</summary>
    public long FrameLength { get; }

    /// <summary>The size of the header in bytes, authentication tag included.</summary>
    public int Length { get; }

    /// <summary>True when the suite carries an ECDSA signature footer.</summary>
    public bool IsSigned => Format.SuiteInfo.Get(Suite).SignatureCurve is not null;

    /// <inheritdoc/>
    public override string ToString() =>
        $"SessionBlobHeader {{ Version = {Version}, Suite = 0x{(ushort)Suite:X4}, Context = {Context}, EncryptedDataKeys = {EncryptedDataKeys.Count}, FrameLength = {FrameLength} }}";
}
