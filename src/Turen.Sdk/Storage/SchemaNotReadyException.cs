using System;

namespace Turen.Sdk.Storage;

/// <summary>The database schema has not been created, or is newer than this SDK understands.</summary>
public sealed class SchemaNotReadyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemaNotReadyException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
