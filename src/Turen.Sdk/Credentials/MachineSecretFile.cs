using System;
using System.IO;
using System.Security.Cryptography;
using Turen.Sdk.IO;

namespace Turen.Sdk.Credentials;

/// <summary>
/// The random 256-bit machine secret from which the state-file key is derived: an owner-only file
/// (<c>machine.key</c>, 0600) on Linux and macOS, a DPAPI blob on Windows. It is what makes the state file secret; the
/// machine identifier only binds it to the machine.
/// </summary>
internal static class MachineSecretFile
{
    public const string FileName = "machine.key";
    public const int SecretSize = 32;
    private static readonly byte[] Magic = "TURNMSK1"u8.ToArray();

    /// <summary>Reads the machine secret, or null when there is none.</summary>
    public static byte[]? TryLoad(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        if (AtomicFile.IsAccessibleToOthers(path))
        {
            throw new AgentStateException($"The machine secret {path} is readable or writable by other users; run `chmod 600 {path}`.");
        }

        byte[] stored = File.ReadAllBytes(path);
        byte[] content = stored;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                content = WindowsMachineSecretProtection.Unprotect(stored);
            }

            if (content.Length != Magic.Length + SecretSize || !content.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                throw new AgentStateException($"The machine secret {path} is damaged; the agent state cannot be opened without it.");
            }

            return content.AsSpan(Magic.Length).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>Reads the machine secret, creating it first if there is none (two racing creators end with the same one).</summary>
    public static byte[] LoadOrCreate(string directory)
    {
        byte[]? existing = TryLoad(directory);
        if (existing is not null)
        {
            return existing;
        }

        byte[] content = new byte[Magic.Length + SecretSize];
        byte[]? stored = null;
        try
        {
            Magic.CopyTo(content, 0);
            RandomNumberGenerator.Fill(content.AsSpan(Magic.Length));
            stored = OperatingSystem.IsWindows() ? WindowsMachineSecretProtection.Protect(content) : content;
            AtomicFile.TryCreate(Path.Combine(directory, FileName), stored);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }

        return TryLoad(directory) ?? throw new AgentStateException("The machine secret could not be created in " + directory + ".");
    }
}
