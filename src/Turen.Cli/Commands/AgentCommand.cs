using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using Turen.Sdk.Credentials;

namespace Turen.Cli.Commands;

/// <summary>
/// <c>turen agent init|show|rotate|restore</c>: the agent's machine-bound state file. The secret is never printed in full
/// unless <c>--reveal</c> asks for it once (to register it with Turen).
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var agent = new Command("agent", "Manage this machine's agent state: its as_live_ secret and settings, encrypted and bound to the machine.");
        agent.Subcommands.Add(Init());
        agent.Subcommands.Add(Show());
        agent.Subcommands.Add(Rotate());
        agent.Subcommands.Add(Restore());
        return agent;
    }

    private static Command Init()
    {
        Option<string?> home = CredentialOptions.Home();
        var force = new Option<bool>("--force") { Description = "Replace an existing state (the old file is kept as the backup)." };
        var test = new Option<bool>("--test") { Description = "Generate an as_test_ secret (fixtures) instead of as_live_." };
        var secretStdin = new Option<bool>("--secret-stdin") { Description = "Read the secret issued by Turen from standard input instead of generating one." };
        var set = new Option<string[]>("--set") { Description = "A setting KEY=VALUE (repeatable), e.g. --set endpoint=https://api.turen.dev", AllowMultipleArgumentsPerToken = false };
        var reveal = new Option<bool>("--reveal") { Description = "Print the full secret once, to register it with Turen." };
        var command = new Command("init", "Enrol this machine: create the state file with a new (or the given) secret.") { home, force, test, secretStdin, set, reveal };
        command.SetAction(parse => CommandFailures.Run("agent init", () =>
        {
            Dictionary<string, string> settings = ParseSettings(parse.GetValue(set) ?? Array.Empty<string>());
            AgentSecret? secret = null;
            if (parse.GetValue(secretStdin))
            {
                string text = (Console.In.ReadLine() ?? string.Empty).Trim();
                secret = AgentSecret.Parse(text);
            }

            var store = CredentialOptions.OpenStore("agent init", parse.GetValue(home));
            using AgentState state = store.Initialize(secret, settings, parse.GetValue(test) ? SecretEnvironment.Test : SecretEnvironment.Live, parse.GetValue(force));
            Console.WriteLine($"Enrolled this machine; agent state written to {store.StatePath}.");
            PrintSecret(state.Secret, parse.GetValue(reveal));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show()
    {
        Option<string?> home = CredentialOptions.Home();
        var command = new Command("show", "Show the agent state (the secret redacted).") { home };
        command.SetAction(parse => CommandFailures.Run("agent show", () =>
        {
            var store = CredentialOptions.OpenStore("agent show", parse.GetValue(home));
            using AgentState state = store.Load();
            Console.WriteLine($"state file:  {store.StatePath}");
            Console.WriteLine($"secret:      {state.Secret.Redacted} ({state.Secret.Environment.ToString().ToLowerInvariant()})");
            Console.WriteLine($"generation:  {state.Generation.ToString(CultureInfo.InvariantCulture)}");
            Console.WriteLine($"created:     {state.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}");
            Console.WriteLine($"updated:     {state.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)}");
            Console.WriteLine("bound to:    this machine (AES-256-GCM, key from the machine secret and the machine id)");
            foreach (KeyValuePair<string, string> setting in state.Settings)
            {
                Console.WriteLine($"setting:     {setting.Key} = {setting.Value}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Rotate()
    {
        Option<string?> home = CredentialOptions.Home();
        var reveal = new Option<bool>("--reveal") { Description = "Print the new secret once, to register it with Turen." };
        var command = new Command("rotate", "Replace the secret with a new one in one atomic write (the old state stays as the backup).") { home, reveal };
        command.SetAction(parse => CommandFailures.Run("agent rotate", () =>
        {
            var store = CredentialOptions.OpenStore("agent rotate", parse.GetValue(home));
            using AgentState state = store.Rotate();
            Console.WriteLine($"Rotated the agent secret (generation {state.Generation.ToString(CultureInfo.InvariantCulture)}).");
            PrintSecret(state.Secret, parse.GetValue(reveal));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Restore()
    {
        Option<string?> home = CredentialOptions.Home();
        var command = new Command("restore", "Put the backup (the last good state) back after the state file was damaged.") { home };
        command.SetAction(parse => CommandFailures.Run("agent restore", () =>
        {
            var store = CredentialOptions.OpenStore("agent restore", parse.GetValue(home));
            using AgentState state = store.RestoreBackup();
            Console.WriteLine($"Restored the agent state from {store.BackupPath} (generation {state.Generation.ToString(CultureInfo.InvariantCulture)}, secret {state.Secret.Redacted}).");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void PrintSecret(AgentSecret secret, bool reveal)
    {
        if (reveal)
        {
            Console.WriteLine("secret (shown once, register it now): " + secret.Reveal());
        }
        else
        {
            Console.WriteLine($"secret: {secret.Redacted} (pass --reveal to print it once)");
        }
    }

    private static Dictionary<string, string> ParseSettings(string[] pairs)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--set expects KEY=VALUE, got '{pair}'");
            }

            settings[pair[..equals]] = pair[(equals + 1)..];
        }

        return settings;
    }
}
