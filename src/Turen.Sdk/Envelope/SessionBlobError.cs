namespace Turen.Sdk.Envelope;

/// <summary>Why a session blob could not be opened (or sealed). Carried by <see cref="SessionBlobException.Error"/>.</summary>
public enum SessionBlobError
{
    /// <summary>The bytes are not a well-formed message: unknown version or suite, bad field, bad lengths.</summary>
    Malformed = 1,

    /// <summary>The input ended before the message did (a truncated blob never looks complete).</summary>
    Truncated,

    /// <summary>Bytes follow the end of the message.</summary>
    TrailingData,

    /// <summary>An authentication check failed: key commitment, header tag, a frame tag or the signature.</summary>
    NotAuthentic,

    /// <summary>Frames are missing, repeated or out of order.</summary>
    FrameSequence,

    /// <summary>No keyring could unwrap any of the message's encrypted data keys.</summary>
    NoMatchingKey,

    /// <summary>The stored encryption context disagrees with the context the caller expects.</summary>
    ContextMismatch,

    /// <summary>The header lists more encrypted data keys than <see cref="OpenOptions.MaxEncryptedDataKeys"/> allows.</summary>
    TooManyEncryptedDataKeys,

    /// <summary>The message uses a legacy (format version 1, non-committing) suite and legacy decryption is off.</summary>
    LegacyRefused,

    /// <summary>The message uses a signed suite and <see cref="OpenOptions.AllowSigned"/> is off.</summary>
    SignedRefused,

    /// <summary>A frame or non-framed body is larger than <see cref="OpenOptions.MaxFrameLength"/>.</summary>
    LimitExceeded,
}
