using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Turen.Sdk.Credentials;

/// <summary>
/// What the agent keeps on its machine: its <see cref="AgentSecret"/> and its settings. Read and written by
/// <see cref="AgentStateStore"/>, encrypted and bound to the machine. Dispose it to zero the secret.
/// </summary>
public sealed class AgentState : IDisposable
{
    internal AgentState(AgentSecret secret, IReadOnlyDictionary<string, string> settings, long generation, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        Secret = secret;
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> setting in settings)
        {
            sorted.Add(setting.Key, setting.Value);
        }

        Settings = new ReadOnlyDictionary<string, string>(sorted);
        Generation = generation;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
    }

    /// <summary>The agent's secret (redacted when printed).</summary>
    public AgentSecret Secret { get; }

    /// <summary>The agent's settings (endpoint, org id, ...), ordered by key.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Counts the writes of this state: 1 after init, +1 on every update or rotation.</summary>
    public long Generation { get; }

    /// <summary>When the agent was enrolled on this machine.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the state was last written.</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>Zeroes the secret.</summary>
    public void Dispose() => Secret.Dispose();
}
