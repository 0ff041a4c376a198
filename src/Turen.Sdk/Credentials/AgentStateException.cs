using System;

namespace Turen.Sdk.Credentials;

/// <summary>The agent state could not be read or written. Messages name files and causes, never secrets.</summary>
public class AgentStateException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public AgentStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AgentStateException()
        : base("The agent state could not be read or written.")
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public AgentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
