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

/// <summary>
/// The state file is damaged (truncated, bit flips, failed authentication). The previous good state, if any, is in the
/// backup file (<see cref="BackupPath"/>); <see cref="AgentStateStore.RestoreBackup"/> puts it back.
/// </summary>
public sealed class AgentStateCorruptedException : AgentStateException
{
    /// <summary>Creates the exception with a message and the backup's path (null when there is no backup).</summary>
    public AgentStateCorruptedException(string message, string? backupPath)
        : base(message)
    {
        BackupPath = backupPath;
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgentStateCorruptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AgentStateCorruptedException()
        : base("The agent state file is corrupted.")
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public AgentStateCorruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The backup holding the last good state, or null when there is none.</summary>
    public string? BackupPath { get; }
}

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
