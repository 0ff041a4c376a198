using System;

namespace Turen.Sdk.Credentials;

/// <summary>There is no agent state yet: run <c>turen agent init</c>.</summary>
public sealed class AgentStateNotFoundException : AgentStateException
{
    /// <summary>Creates the exception with a message.</summary>
    public AgentStateNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AgentStateNotFoundException()
        : base("There is no agent state; run `turen agent init`.")
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public AgentStateNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
