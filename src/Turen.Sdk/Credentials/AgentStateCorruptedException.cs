using System;

namespace Turen.Sdk.Credentials;

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
