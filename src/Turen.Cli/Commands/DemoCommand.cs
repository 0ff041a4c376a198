using System;
using System.CommandLine;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Cli.Commands;

/// <summary>
/// <c>turen demo [--home DIR]</c>: the README's main job. Seals samples/sessions/sample-session.jsonl with a local
/// 256-bit raw AES key (created on first use in the Turen home folder), opens it again and checks the round trip.
/// </summary>
internal static class DemoCommand
{
    public const string KeyName = "demo-org-dek-1";
    public const string OrgId = "demo-org";
    private const string SamplePath = "samples/sessions/sample-session.jsonl";
    private const int DemoFrameLength = 4096;

    public static Command Create()
    {
        Option<string?> home = new("--home") { Description = "The Turen home folder (default: $TUREN_HOME, else ~/.turen)." };
        var command = new Command("demo", "Seal the sample session with a local key, open it again and check the round trip.") { home };
        command.SetAction((parsed, cancellationToken) => EnvelopeOptions.RunAsync("demo", () => RunAsync(parsed.GetValue(home), cancellationToken)));
        return command;
    }

    internal static string ResolveHome(string? home)
    {
        if (!string.IsNullOrEmpty(home))
        {
            return Path.GetFullPath(home);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable("TUREN_HOME");
        return !string.IsNullOrEmpty(fromEnvironment)
            ? Path.GetFullPath(fromEnvironment)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".turen");
    }

    private static async Task<int> RunAsync(string? homeOption, CancellationToken cancellationToken)
    {
        string home = ResolveHome(homeOption);
        string sample = FindSample() ?? throw new UsageException($"cannot find {SamplePath}; run the demo from the repository");
        using RawAesKeyring keyring = LoadOrCreateKey(home);

        string sealedPath = Path.Combine(home, "sessions", "sample-session.jsonl.turen");
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
        Console.WriteLine($"key      {keyring.KeyNamespace}/{keyring.KeyName} (raw AES-{keyring.KeySizeInBits})");
        Console.WriteLine(exact ? "opened   byte-exact round trip: OK" : "opened   round trip MISMATCH");
        return exact ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static RawAesKeyring LoadOrCreateKey(string home)
    {
        string keyPath = Path.Combine(home, "keys", KeyName + ".key");
        if (!File.Exists(keyPath))
        {
            CreateOwnerOnlyDirectory(home);
            CreateOwnerOnlyDirectory(Path.Combine(home, "keys"));
            using RawAesKeyring fresh = RawAesKeyring.Generate(RawAesKeyring.DefaultNamespace, KeyName);
            Span<byte> key = stackalloc byte[32];
            try
            {
                fresh.ExportKey(key);
                KeyFile.Create(keyPath, key);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }

            Console.WriteLine($"initialised a new local 256-bit demo key at {keyPath} (owner-only)");
        }

        byte[] bytes = KeyFile.Read(keyPath);
        try
        {
            return RawAesKeyring.Create(RawAesKeyring.DefaultNamespace, KeyName, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static void CreateOwnerOnlyDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
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
