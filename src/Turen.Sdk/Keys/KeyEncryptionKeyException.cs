using System;

namespace Turen.Sdk.Keys;

/// <summary>
/// A key-encryption key could not be used. Subclasses say why; callers that do not care catch this type. Messages name
/// keys and orgs but never contain key material.
/// </summary>
public class KeyEncryptionKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeyEncryptionKeyException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>The caller is not allowed to use the KEK (KMS <c>AccessDeniedException</c>, a key file that cannot be read).</summary>
public sealed class KeyAccessDeniedException : KeyEncryptionKeyException
{
    /// <summary>Creates the exception.</summary>
    public KeyAccessDeniedException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>The KEK does not exist or cannot be used in its state (KMS: not found, disabled, pending deletion).</summary>
public sealed class KeyUnavailableException : KeyEncryptionKeyException
{
    /// <summary>Creates the exception.</summary>
    public KeyUnavailableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>The key service kept throttling after the configured retries.</summary>
public sealed class KeyServiceThrottledException : KeyEncryptionKeyException
{
    /// <summary>Creates the exception.</summary>
    public KeyServiceThrottledException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>The key service did not answer within the configured timeout (after retries).</summary>
public sealed class KeyServiceTimeoutException : KeyEncryptionKeyException
{
    /// <summary>Creates the exception.</summary>
    public KeyServiceTimeoutException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>The key service kept failing (5xx, connection refused) after the configured retries.</summary>
public sealed class KeyServiceUnavailableException : KeyEncryptionKeyException
{
    /// <summary>Creates the exception.</summary>
    public KeyServiceUnavailableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>
/// A wrapped DEK did not authenticate: it was made by another KEK, for another org or version, or it was altered.
/// </summary>
public sealed class KeyUnwrapException : KeyEncryptionKeyException
{
    /// <summary>Creates the exception.</summary>
    public KeyUnwrapException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
