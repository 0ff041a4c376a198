using System;
using System.CommandLine;
using Turen.Sdk;
using Turen.Sdk.Credentials;

namespace Turen.Cli.Commands;

/// <summary>What the <c>agent</c> commands share: <c>--home</c> and the agent state store in the Turen home.</summary>
internal static class CredentialOptions
{
    public static Option<string?> Home() => new("--home")
    {
        Description = "The Turen home folder holding the agent state and machine secret (default: $TUREN_HOME, else ~/.turen).",
    };

    /// <summary>
    /// The agent state store in the Turen home. Without <c>--home</c>, state an earlier build kept in the user's config
    /// folder (<see cref="AgentStateStore.LegacyDirectory"/>) is moved into the home once, and the command says so.
    /// </summary>
    public static AgentStateStore OpenStore(string command, string? home)
    {
        TurenHome resolved = TurenHome.Resolve(home);
        var store = new AgentStateStore(resolved.AgentStateDirectory);
        if (string.IsNullOrWhiteSpace(home) && store.TryMoveFrom(AgentStateStore.LegacyDirectory))
        {
            Console.Error.WriteLine(CommandFailures.Message(
                command,
                $"moved the agent state from {AgentStateStore.LegacyDirectory} into the Turen home {resolved.Path}; the old folder is no longer read"));
        }

        return store;
    }
}
