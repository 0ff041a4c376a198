using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Credentials;

/// <summary>
/// A checksummed Turen secret (<c>prefix ‖ 32 base62 characters ‖ 6-character base62 CRC32</c>, see
/// <see cref="SecretTokenFormat"/>). The characters live in a byte array that <see cref="Dispose"/> zeroes;
/// <see cref="ToString"/> is redacted, equality is constant-time and there is no conversion to <see cref="string"/>:
/// the only way to the plaintext is the explicit <see cref="Reveal"/>.
/// </summary>
public abstract class SecretToken : IEquatable<SecretToken>, IDisposable
{
    /// <summary>The length in characters of every token: prefix (8) + body (32) + checksum (6).</summary>
    public const int Length = 8 + SecretTokenFormat.BodyLength + SecretTokenFormat.ChecksumLength;

    private const int PrefixLength = 8;
    private readonly byte[] _ascii;
    private int _disposed;

    private protected SecretToken(byte[] ascii)
    {
        _ascii = ascii;
        Prefix = Encoding.ASCII.GetString(ascii, 0, PrefixLength);
        Environment = Prefix.EndsWith("_test_", StringComparison.Ordinal) ? SecretEnvironment.Test : SecretEnvironment.Live;
    }

    /// <summary>The public prefix, e.g. <c>as_live_</c>.</summary>
    public string Prefix { get; }

    /// <summary>Live or test.</summary>
    public SecretEnvironment Environment { get; }

    /// <summary>
    /// A form that is safe to print: the prefix and the last four characters (part of the public checksum), e.g.
    /// <c>as_live_…x9Qa</c>. It identifies a secret to a person without revealing it.
    /// </summary>
    public string Redacted
    {
        get
        {
            ThrowIfDisposed();
            return Prefix + "…" + Encoding.ASCII.GetString(_ascii, Length - 4, 4);
        }
    }

    /// <summary>The ASCII characters of the whole token; zeroed on dispose.</summary>
    internal ReadOnlySpan<byte> AsciiBytes
    {
        get
        {
            ThrowIfDisposed();
            return _ascii;
        }
    }

    /// <summary>
    /// Returns the secret in full. Call it only to hand the secret to the one place that needs it (a header, a file
    /// written under encryption, a one-time display); the returned string cannot be zeroed.
    /// </summary>
    public string Reveal()
    {
        ThrowIfDisposed();
        return Encoding.ASCII.GetString(_ascii);
    }

    /// <summary>Copies the ASCII characters of the secret into <paramref name="destination"/> (at least <see cref="Length"/> bytes).</summary>
    public void CopyTo(Span<byte> destination)
    {
        ThrowIfDisposed();
        if (destination.Length < Length)
        {
            throw new ArgumentException("The destination is shorter than a secret token.", nameof(destination));
        }

        _ascii.CopyTo(destination);
    }

    /// <summary>The redacted form; never the secret.</summary>
    public sealed override string ToString() => _disposed != 0 ? Prefix + "…(disposed)" : Redacted;

    /// <summary>Compares the full tokens in constant time.</summary>
    public bool Equals(SecretToken? other)
    {
        if (other is null || other.GetType() != GetType())
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(AsciiBytes, other.AsciiBytes);
    }

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => obj is SecretToken other && Equals(other);

    /// <summary>Depends on the public prefix only, so that a hash table leaks nothing about the secret.</summary>
    public sealed override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Prefix);

    /// <summary>Zeroes the characters; the token cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CryptographicOperations.ZeroMemory(_ascii);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Generates the ASCII bytes of a fresh token with <paramref name="prefix"/> from the CSPRNG.</summary>
    private protected static byte[] GenerateAscii(string prefix)
    {
        byte[] ascii = new byte[Length];
        Span<char> body = stackalloc char[SecretTokenFormat.BodyLength];
        try
        {
            Encoding.ASCII.GetBytes(prefix, ascii);
            // GetItems draws each character uniformly (rejection sampling), so 32 characters carry 32·log2(62) ≈ 190.5 bits.
            RandomNumberGenerator.GetItems(SecretTokenFormat.Base62Alphabet.AsSpan(), body);
            for (int i = 0; i < body.Length; i++)
            {
                ascii[PrefixLength + i] = (byte)body[i];
            }

            SecretTokenFormat.WriteChecksum(ascii, PrefixLength + SecretTokenFormat.BodyLength, ascii, PrefixLength + SecretTokenFormat.BodyLength);
            return ascii;
        }
        finally
        {
            body.Clear();
        }
    }

    /// <summary>Checks <paramref name="text"/> against the scheme and the kind's two prefixes; null when it does not fit.</summary>
    private protected static byte[]? TryParseAscii(string? text, string livePrefix, string testPrefix)
    {
        if (text is null || text.Length != Length
            || !(text.StartsWith(livePrefix, StringComparison.Ordinal) || text.StartsWith(testPrefix, StringComparison.Ordinal))
            || !SecretTokenFormat.IsWellFormed(text))
        {
            return null;
        }

        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>Checks ASCII bytes against the scheme and the kind's two prefixes without building a string; null when they do not fit.</summary>
    private protected static byte[]? TryParseAscii(ReadOnlySpan<byte> ascii, string livePrefix, string testPrefix)
    {
        if (ascii.Length != Length || !(StartsWith(ascii, livePrefix) || StartsWith(ascii, testPrefix)))
        {
            return null;
        }

        for (int i = PrefixLength; i < Length; i++)
        {
            if (!SecretTokenFormat.IsBase62((char)ascii[i]))
            {
                return null;
            }
        }

        byte[] copy = ascii.ToArray();
        byte[] expected = new byte[Length];
        SecretTokenFormat.WriteChecksum(copy, PrefixLength + SecretTokenFormat.BodyLength, expected, PrefixLength + SecretTokenFormat.BodyLength);
        bool checksumMatches = copy.AsSpan(Length - SecretTokenFormat.ChecksumLength).SequenceEqual(expected.AsSpan(Length - SecretTokenFormat.ChecksumLength));
        if (!checksumMatches)
        {
            CryptographicOperations.ZeroMemory(copy);
            return null;
        }

        return copy;
    }

    private static bool StartsWith(ReadOnlySpan<byte> ascii, string prefix)
    {
        for (int i = 0; i < prefix.Length; i++)
        {
            if (ascii[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed != 0, this);
}
