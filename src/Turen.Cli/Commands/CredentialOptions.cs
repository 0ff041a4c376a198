using System;
using System.CommandLine;
using System.IO;
using Turen.Sdk.Credentials;

namespace Turen.Cli.Commands;

/// <summary>What the <c>agent</c> and <c>apikey</c> commands share: <c>--home</c>, and how failures map to exit codes.</summary>
internal static class CredentialOptions
{
    public const string HomeEnvironmentVariable = "TUREN_HOME";

    public static Option<string?> Home() => new("--home")
    {
        Description = "The folder holding the agent state and machine secret (default: $TUREN_HOME, else the user's config folder, ~/.config/turen).",
    };

    /// <summary>--home, else TUREN_HOME, else the user's configuration folder.</summary>
    public static string ResolveHome(string? home) =>
        !string.IsNullOrWhiteSpace(home) ? home
        : Environment.GetEnvironmentVariable(HomeEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : AgentStateStore.DefaultDirectory;

    /// <summary>Runs a command body, turning the SDK's typed failures into a one-line message and an exit code.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ExitCodeFor(ex) is int code)
        {
            Console.Error.WriteLine("turen: " + ex.Message);
            return code;
        }
    }

    private static int? ExitCodeFor(Exception ex) => ex switch
    {
        AgentStateNotFoundException => ExitCodes.Usage,
        MachineIdentityUnavailableException => ExitCodes.Usage,
        InvalidSecretTokenException => ExitCodes.Usage,
        ArgumentException => ExitCodes.Usage,
        AgentStateException => ExitCodes.Failure,
        IOException or UnauthorizedAccessException => ExitCodes.Usage,
        _ => null,
    };
}
