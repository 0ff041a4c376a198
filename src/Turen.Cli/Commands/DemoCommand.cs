using System;
using System.CommandLine;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;
using Turen.Sdk.Keys;

namespace Turen.Cli.Commands;

/// <summary>
/// <c>turen demo [--home DIR]</c>: the README's main job. Seals samples/sessions/sample-session.jsonl under the data key
/// of org <c>demo-org</c> from the local key manager (initialising the Turen home and creating the org on first use, and
/// saying so), opens it again and checks the round trip.
/// </summary>
internal static class DemoCommand
{
    public const string OrgId = "demo-org";
    private const string SamplePath = "samples/sessions/sample-session.jsonl";
    private const int DemoFrameLength = 4096;

    public static Command Create()
    {
        Option<string?> home = LocalKeyOptions.Home();
        var command = new Command("demo", "Seal the sample session under the demo org's data key (local key manager), open it again and check the round trip.") { home };
        command.SetAction((parsed, cancellationToken) => CommandFailures.RunAsync("demo", () => RunAsync(parsed.GetValue(home), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string? homeOption, CancellationToken cancellationToken)
    {
        string sample = FindSample() ?? throw new EnvironmentException($"cannot find {SamplePath}; run the demo from the repository");
        (LocalKeyManager keys, _) = await LocalKeyManager.InitializeAsync(homeOption, Console.Out, cancellationToken);
        using (keys)
        {
            if (await keys.KeyManager.CreateOrgAsync(OrgId, cancellationToken))
            {
                Console.WriteLine($"created org {OrgId}: data key v1 wrapped by {keys.Kek.KeyId}");
            }

            return await SealAndOpenAsync(keys, sample, new OrgSessionKeyring(keys.KeyManager, OrgId), cancellationToken);
        }
    }

    private static async Task<int> SealAndOpenAsync(LocalKeyManager keys, string sample, OrgSessionKeyring keyring, CancellationToken cancellationToken)
    {
        string sealedPath = Path.Combine(keys.Home.Path, "sessions", "sample-session.jsonl.turen");
        Directory.CreateDirectory(Path.GetDirectoryName(sealedPath)!);
        var options = new SealOptions
        {
            OrgId = OrgId,
            SessionId = "sample-session",
            Context = EncryptionContext.Of("turen.source", "demo"),
            FrameLength = DemoFrameLength,
        };
        SessionBlobResult sealedResult = await SessionBlob.SealFileAsync(sample, sealedPath, keyring, options, cancellationToken);

        byte[] original = await File.ReadAllBytesAsync(sample, cancellationToken);
        using var opened = new MemoryStream();
        SessionBlobResult openedResult;
        await using (var blob = File.OpenRead(sealedPath))
        {
            openedResult = await SessionBlob.OpenAsync(blob, opened, keyring, new OpenOptions { ExpectedContext = EncryptionContext.Of(SessionBlob.OrgContextKey, OrgId) }, cancellationToken);
        }

        bool exact = CryptographicOperations.FixedTimeEquals(original, opened.GetBuffer().AsSpan(0, (int)opened.Length));
        double overhead = original.Length == 0 ? 0 : 100.0 * (sealedResult.BlobLength - original.Length) / original.Length;
        Console.WriteLine($"sealed   {Relative(sample)} ({original.Length:N0} bytes)");
        Console.WriteLine($"      -> {sealedPath} ({sealedResult.BlobLength:N0} bytes, +{overhead:F1} %)");
        Console.WriteLine($"suite    0x{(ushort)openedResult.Header.Suite:X4} (AES-256-GCM, HKDF-SHA512, key commitment), format v{openedResult.Header.Version}");
        Console.WriteLine($"frames   {openedResult.FrameCount} of up to {openedResult.Header.FrameLength:N0} bytes, header {openedResult.Header.Length} bytes");
        Console.WriteLine($"context  {openedResult.Header.Context}");
        string keyName = OrgSessionKeyring.TryParse(openedResult.Header.EncryptedDataKeys[0], out string? org, out int version)
            ? OrgKeyName.Format(org, version)
            : "?";
        Console.WriteLine($"key      {OrgKeyName.Namespace}/{keyName} (org data key, AES-256, wrapped by {keys.Kek.KeyId} in {keys.Home.KeyFilePath})");
        Console.WriteLine(exact ? "opened   byte-exact round trip: OK" : "opened   round trip MISMATCH");
        return exact ? ExitCodes.Success : ExitCodes.Refused;
    }

    private static string? FindSample()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, SamplePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
}
