// Linked as source into the runtime (Turen.Sdk) and the analyzers (netstandard2.0), so a scanner and the SDK agree on
// what a real Turen secret looks like. Keep it dependency-free and netstandard2.0-compatible.
using System;

namespace Turen.Sdk.Shared;

/// <summary>
/// The checksummed token scheme of Turen secrets (after GitHub's tokens): <c>prefix ‖ body ‖ checksum</c>, where the body
/// is 32 base62 characters from a CSPRNG (32·log2 62 ≈ 190.5 bits) and the checksum is the CRC32 (IEEE 802.3) of the
/// ASCII bytes of <c>prefix ‖ body</c>, written as 6 base62 digits, most significant first, left-padded with '0'.
/// </summary>
/// <remarks>
/// Prefixes: <c>as_live_</c> / <c>as_test_</c> for agent secrets, <c>ak_live_</c> / <c>ak_test_</c> for API keys.
/// The checksum lets a scanner tell a real token from a lookalike offline; it is not a security property.
/// </remarks>
internal static class SecretTokenFormat
{
    public const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public const int BodyLength = 32;
    public const int ChecksumLength = 6;

    public const string AgentLivePrefix = "as_live_";
    public const string AgentTestPrefix = "as_test_";
    public const string ApiKeyLivePrefix = "ak_live_";
    public const string ApiKeyTestPrefix = "ak_test_";

    /// <summary>Every prefix the scheme defines.</summary>
    public static readonly string[] Prefixes = { AgentLivePrefix, AgentTestPrefix, ApiKeyLivePrefix, ApiKeyTestPrefix };

    private static readonly uint[] Crc32Table = BuildCrc32Table();

    /// <summary>Returns the known prefix <paramref name="token"/> starts with, or null.</summary>
    public static string? FindPrefix(string token)
    {
        if (token is null)
        {
            return null;
        }

        foreach (string prefix in Prefixes)
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="token"/> is exactly one well-formed token of the scheme: a known prefix, a base62 body
    /// of the right length and a matching checksum.
    /// </summary>
    public static bool IsWellFormed(string token)
    {
        string? prefix = FindPrefix(token);
        if (prefix is null || token.Length != prefix.Length + BodyLength + ChecksumLength)
        {
            return false;
        }

        for (int i = prefix.Length; i < token.Length; i++)
        {
            if (!IsBase62(token[i]))
            {
                return false;
            }
        }

        string expected = Checksum(token, prefix.Length + BodyLength);
        // Not a secret comparison: the checksum is public and derived from public text.
        return string.CompareOrdinal(token, prefix.Length + BodyLength, expected, 0, ChecksumLength) == 0;
    }

    /// <summary>The 6-character base62 CRC32 checksum of the first <paramref name="length"/> characters (ASCII) of <paramref name="text"/>.</summary>
    public static string Checksum(string text, int length)
    {
        uint crc = 0xFFFFFFFFu;
        for (int i = 0; i < length; i++)
        {
            crc = Crc32Table[(crc ^ (byte)text[i]) & 0xFF] ^ (crc >> 8);
        }

        char[] digits = new char[ChecksumLength];
        WriteChecksumDigits(crc ^ 0xFFFFFFFFu, digits, 0);
        return new string(digits);
    }

    /// <summary>
    /// Writes the checksum of the first <paramref name="length"/> ASCII bytes of <paramref name="ascii"/> into
    /// <paramref name="destination"/> at <paramref name="offset"/>, as ASCII digits. The runtime keeps secrets in byte
    /// arrays it can zero, so it checksums them without building a string.
    /// </summary>
    public static void WriteChecksum(byte[] ascii, int length, byte[] destination, int offset)
    {
        uint crc = 0xFFFFFFFFu;
        for (int i = 0; i < length; i++)
        {
            crc = Crc32Table[(crc ^ ascii[i]) & 0xFF] ^ (crc >> 8);
        }

        char[] digits = new char[ChecksumLength];
        WriteChecksumDigits(crc ^ 0xFFFFFFFFu, digits, 0);
        for (int i = 0; i < ChecksumLength; i++)
        {
            destination[offset + i] = (byte)digits[i];
        }
    }

    private static void WriteChecksumDigits(uint crc, char[] digits, int offset)
    {
        ulong value = crc;
        for (int i = ChecksumLength - 1; i >= 0; i--)
        {
            digits[offset + i] = Base62Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }

    /// <summary>True for 0-9, A-Z, a-z.</summary>
    public static bool IsBase62(char c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

    private static uint[] BuildCrc32Table()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
