using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Turen.Sdk.IO;

namespace Turen.Cli;

/// <summary>
/// Reads and writes raw AES wrapping-key files: either the raw 16/24/32 key bytes, or their base64 text (what
/// <c>turen demo</c> writes). Key bytes never reach the console.
/// </summary>
internal static class KeyFile
{
    /// <summary>Reads a key file into a new array the caller must zero.</summary>
    /// <exception cref="EnvironmentException">The file is missing or unreadable.</exception>
    /// <exception cref="UsageException">The file does not hold a 128-, 192- or 256-bit key.</exception>
    public static byte[] Read(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EnvironmentException($"cannot read key file '{path}': {ex.Message}");
        }

        try
        {
            string text = Encoding.ASCII.GetString(content).Trim();
            byte[] decoded = new byte[content.Length];
            if (Convert.TryFromBase64String(text, decoded, out int written) && written is 16 or 24 or 32)
            {
                byte[] key = decoded[..written];
                CryptographicOperations.ZeroMemory(decoded);
                return key;
            }

            CryptographicOperations.ZeroMemory(decoded);
            if (content.Length is 16 or 24 or 32)
            {
                return (byte[])content.Clone();
            }

            throw new UsageException($"key file '{path}' does not hold a 128-, 192- or 256-bit AES key (raw bytes or base64)");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>Writes <paramref name="key"/> as base64 to a new file only its owner can read (atomically, never over another).</summary>
    /// <exception cref="IOException">The file already exists.</exception>
    public static void Create(string path, ReadOnlySpan<byte> key)
    {
        byte[] text = Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n");
        try
        {
            if (!AtomicFile.TryCreate(path, text))
            {
                throw new IOException($"the file '{path}' already exists");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(text);
        }
    }
}
