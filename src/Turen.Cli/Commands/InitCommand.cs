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
        Option<string?> home = KeyRingOptions.Home();
        var command = new Command("init", "Create the local key-encryption key (kek.key) and key store (turen.db) in the Turen home; does nothing if they exist. Set TUREN_PASSPHRASE to seal the key file with a passphrase.")
        {
            home,
        };
        command.SetAction((parsed, cancellationToken) => KeyRingOptions.RunAsync("init", () => RunAsync(parsed.GetValue(home), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string? home, CancellationToken cancellationToken)
    {
        (LocalKeyRing keyRing, bool created) = await LocalKeyRing.InitializeAsync(home, Console.Out, cancellationToken);
        using (keyRing)
        {
            if (!created)
            {
                Console.WriteLine($"Turen home {keyRing.Home.Path} is already initialised (key-encryption key {keyRing.Kek.KeyId})");
            }

            return ExitCodes.Success;
        }
    }
}
