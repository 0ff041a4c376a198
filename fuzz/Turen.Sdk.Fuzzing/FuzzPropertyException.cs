using System;

namespace Turen.Sdk.Fuzzing;

/// <summary>A fuzz target saw the parser break one of its promises (not merely an undocumented exception).</summary>
public sealed class FuzzPropertyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FuzzPropertyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FuzzPropertyException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public FuzzPropertyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
