using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Cli.Commands;

/// <summary><c>turen init [--home DIR]</c>: creates the local key-encryption key and the SQLite key store; safe to repeat.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        Option<string?> home = LocalKeyOptions.Home();
        var command = new Command("init", "Create the local key-encryption key (kek.key) and key store (turen.db) in the Turen home; does nothing if they exist. Set TUREN_PASSPHRASE to seal the key file with a passphrase.")
        {
            home,
        };
        command.SetAction((parsed, cancellationToken) => CommandFailures.RunAsync("init", () => RunAsync(parsed.GetValue(home), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string? home, CancellationToken cancellationToken)
    {
        (LocalKeyManager keys, bool created) = await LocalKeyManager.InitializeAsync(home, Console.Out, cancellationToken);
        using (keys)
        {
            if (!created)
            {
                Console.WriteLine($"Turen home {keys.Home.Path} is already initialised (key-encryption key {keys.Kek.KeyId})");
            }

            return ExitCodes.Success;
        }
    }
}
