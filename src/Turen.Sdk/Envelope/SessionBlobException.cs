using System;
using System.Security.Cryptography;

namespace Turen.Sdk.Envelope;

/// <summary>
/// A session blob could not be opened: it is malformed, truncated, not authentic, or no key opens it. The message says
/// which check failed and never contains key material or plaintext.
/// </summary>
/// <remarks>
/// When a streaming open fails, the destination may already hold the plaintext of earlier frames, each of which
/// was authenticated on its own; treat that output as incomplete and discard it. <see cref="SessionBlob.OpenFileAsync"/>
/// does so for files.
/// </remarks>
public class SessionBlobException : CryptographicException
{
    /// <summary>Creates an exception for <paramref name="error"/>.</summary>
    public SessionBlobException(SessionBlobError error, string message)
        : base(message) => Error = error;

    /// <summary>Creates an exception for <paramref name="error"/> with the exception that caused it.</summary>
    public SessionBlobException(SessionBlobError error, string message, Exception? innerException)
        : base(message, innerException) => Error = error;

    /// <summary>Creates an exception with <see cref="SessionBlobError.Malformed"/>.</summary>
    public SessionBlobException()
        : this(SessionBlobError.Malformed, "The session blob is malformed.")
    {
    }

    /// <summary>Creates an exception with <see cref="SessionBlobError.Malformed"/>.</summary>
    public SessionBlobException(string message)
        : this(SessionBlobError.Malformed, message)
    {
    }

    /// <summary>Creates an exception with <see cref="SessionBlobError.Malformed"/>.</summary>
    public SessionBlobException(string message, Exception? innerException)
        : this(SessionBlobError.Malformed, message, innerException)
    {
    }

    /// <summary>The class of failure.</summary>
    public SessionBlobError Error { get; }
}
