using System;

namespace Turen.Sdk.Credentials;

/// <summary>
/// The text is not a well-formed Turen secret of the expected kind (wrong prefix, length, alphabet or checksum).
/// The message never contains the text itself, which may be a real secret with a typo.
/// </summary>
public sealed class InvalidSecretTokenException : FormatException
{
    /// <summary>Creates the exception with a message that names the expected kind only.</summary>
    public InvalidSecretTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public InvalidSecretTokenException()
        : base("The text is not a well-formed Turen secret.")
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public InvalidSecretTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
