using System;

namespace Turen.Sdk.Credentials;

/// <summary>
/// The state file was written on another machine (or under another machine secret): it is bound to the machine that wrote
/// it and cannot be opened here. Run <c>turen agent init --force</c> to enrol this machine afresh.
/// </summary>
public sealed class MachineMismatchException : AgentStateException
{
    /// <summary>Creates the exception with a message.</summary>
    public MachineMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MachineMismatchException()
        : base("Machine mismatch: the agent state file belongs to another machine.")
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public MachineMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
