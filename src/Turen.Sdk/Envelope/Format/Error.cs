using System;

namespace Turen.Sdk.Envelope.Format;

/// <summary>The one place session blob exceptions are made, so messages stay uniform and free of secrets.</summary>
internal static class Error
{
    public static SessionBlobException Malformed(string what) => new(SessionBlobError.Malformed, "The session blob is malformed: " + what + ".");

    public static SessionBlobException Truncated() =>
        new(SessionBlobError.Truncated, "The session blob is truncated: the input ended before the message did.");

    public static SessionBlobException TrailingData() =>
        new(SessionBlobError.TrailingData, "The session blob is followed by unexpected bytes.");

    public static SessionBlobException NotAuthentic(string what) =>
        new(SessionBlobError.NotAuthentic, "The session blob is not authentic: " + what + ".");

    public static SessionBlobException FrameSequence(string what) =>
        new(SessionBlobError.FrameSequence, "The session blob's frames are out of sequence: " + what + ".");

    public static SessionBlobException NoMatchingKey(int count) =>
        new(SessionBlobError.NoMatchingKey, $"No keyring could unwrap any of the session blob's {count} encrypted data key(s) (wrong key, wrong key name, or an expected context the blob was not sealed with).");

    public static SessionBlobException ContextMismatch(string key) =>
        new(SessionBlobError.ContextMismatch, $"The session blob's encryption context has a different value for '{key}' than expected.");

    public static SessionBlobException TooManyKeys(int count, int max) =>
        new(SessionBlobError.TooManyEncryptedDataKeys, $"The session blob lists {count} encrypted data keys; at most {max} are allowed.");

    public static SessionBlobException LegacyRefused(ushort suite) =>
        new(SessionBlobError.LegacyRefused, $"The session blob uses legacy suite 0x{suite:X4} (no key commitment); opening it needs AllowLegacy.");

    public static SessionBlobException SignedRefused(ushort suite) =>
        new(SessionBlobError.SignedRefused, $"The session blob uses signed suite 0x{suite:X4}, which these options refuse.");

    public static SessionBlobException LimitExceeded(long length, int max) =>
        new(SessionBlobError.LimitExceeded, $"The session blob has a {length}-byte frame; at most {max} bytes are allowed.");

    public static ArgumentException BadContext(string message, string paramName) => new(message, paramName);
}
