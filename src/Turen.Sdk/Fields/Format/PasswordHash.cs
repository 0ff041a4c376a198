using System;
using System.Globalization;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Turen.Sdk.Fields.Format;

/// <summary>
/// Argon2id password hashes (RFC 9106) in the PHC string format:
/// <c>$argon2id$v=19$m=&lt;KiB&gt;,t=&lt;passes&gt;,p=1$&lt;salt&gt;$&lt;hash&gt;</c>, standard base64 without padding,
/// 16-byte random salt and 32-byte output. libsodium (through NSec) supports one lane only, hence p=1.
/// </summary>
internal static class PasswordHash
{
    public const int SaltSize = 16;
    public const int HashSize = 32;

    // Bounds on parameters read back from storage, so a planted hash cannot make verification allocate gigabytes.
    public const int MaxMemoryKiB = 1024 * 1024;
    public const int MaxIterations = 64;

    private const string Prefix = "$argon2id$v=19$m=";

    public static string Compute(string password, int memoryKiB, int iterations)
    {
        Span<byte> salt = stackalloc byte[SaltSize];
        RandomNumberGenerator.Fill(salt);
        Span<byte> hash = stackalloc byte[HashSize];
        try
        {
            Derive(password, salt, memoryKiB, iterations, hash);
            return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{memoryKiB},t={iterations},p=1${Encode(salt)}${Encode(hash)}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(hash);
        }
    }

    /// <summary>Checks a password against a stored hash in constant time; false for a malformed or out-of-bounds hash.</summary>
    public static bool Verify(string stored, string presented)
    {
        Span<byte> salt = stackalloc byte[SaltSize];
        Span<byte> expected = stackalloc byte[HashSize];
        if (!TryParse(stored, out int memoryKiB, out int iterations, salt, expected))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HashSize];
        try
        {
            Derive(presented, salt, memoryKiB, iterations, actual);
            return CryptographicOperations.FixedTimeEquals(expected, actual);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(actual);
        }
    }

    public static bool IsPasswordHash(string? value) =>
        value is not null && TryParse(value, out _, out _, stackalloc byte[SaltSize], stackalloc byte[HashSize]);

    private static bool TryParse(string value, out int memoryKiB, out int iterations, Span<byte> salt, Span<byte> hash)
    {
        memoryKiB = 0;
        iterations = 0;
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = value.AsSpan(Prefix.Length);
        if (!TryReadNumber(ref rest, ",t=", out memoryKiB) || !TryReadNumber(ref rest, ",p=1$", out iterations))
        {
            return false;
        }

        if (memoryKiB is < 8 or > MaxMemoryKiB || iterations is < 1 or > MaxIterations)
        {
            return false;
        }

        int dollar = rest.IndexOf('$');
        return dollar > 0 && TryDecode(rest[..dollar], salt) && TryDecode(rest[(dollar + 1)..], hash);
    }

    private static bool TryReadNumber(ref ReadOnlySpan<char> rest, string terminator, out int number)
    {
        number = 0;
        int end = rest.IndexOf(terminator.AsSpan(), StringComparison.Ordinal);
        if (end is < 1 or > 9 || rest[0] == '0')
        {
            return false;
        }

        foreach (char c in rest[..end])
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        number = int.Parse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture);
        rest = rest[(end + terminator.Length)..];
        return true;
    }

    private static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination)
    {
        int expectedLength = ((destination.Length * 4) + 2) / 3;
        if (text.Length != expectedLength)
        {
            return false;
        }

        Span<char> padded = stackalloc char[(expectedLength + 3) & ~3];
        text.CopyTo(padded);
        padded[text.Length..].Fill('=');
        return Convert.TryFromBase64Chars(padded, destination, out int written) && written == destination.Length &&
            string.Equals(Encode(destination), text.ToString(), StringComparison.Ordinal);
    }

    private static void Derive(string password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations, Span<byte> output)
    {
        var parameters = new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memoryKiB,
            NumberOfPasses = iterations,
        };
        PasswordBasedKeyDerivationAlgorithm algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(in parameters);
        algorithm.DeriveBytes(password, salt, output);
    }
}
