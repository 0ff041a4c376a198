using System;

namespace Turen.Sdk.Credentials;

/// <summary>The operating system offers no machine identifier to bind the state file to.</summary>
public sealed class MachineIdentityUnavailableException : AgentStateException
{
    /// <summary>Creates the exception with a message.</summary>
    public MachineIdentityUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MachineIdentityUnavailableException()
        : base("This machine has no identifier to bind the agent state to.")
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public MachineIdentityUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
