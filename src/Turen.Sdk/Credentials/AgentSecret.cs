using System.Diagnostics.CodeAnalysis;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Credentials;

/// <summary>
/// The secret an agent authenticates with: <c>as_live_…</c> (or <c>as_test_…</c> for fixtures), 190 bits from the CSPRNG
/// plus a CRC32 checksum that lets a scanner recognise it offline.
/// </summary>
/// <example>
/// <code>
/// using AgentSecret secret = AgentSecret.Generate();
/// Console.WriteLine(secret);            // as_live_…x9Qa  (redacted)
/// request.Headers.Authorization = new("Bearer", secret.Reveal());
/// </code>
/// </example>
public sealed class AgentSecret : SecretToken
{
    private AgentSecret(byte[] ascii)
        : base(ascii)
    {
    }

    /// <summary>Generates a fresh agent secret from the CSPRNG.</summary>
    public static AgentSecret Generate(SecretEnvironment environment = SecretEnvironment.Live) =>
        new(GenerateAscii(environment == SecretEnvironment.Test ? SecretTokenFormat.AgentTestPrefix : SecretTokenFormat.AgentLivePrefix));

    /// <summary>Parses an agent secret, checking prefix, length, alphabet and checksum.</summary>
    /// <exception cref="InvalidSecretTokenException">The text is not a well-formed agent secret (the message does not contain it).</exception>
    public static AgentSecret Parse(string text) =>
        TryParse(text, out AgentSecret? secret)
            ? secret
            : throw new InvalidSecretTokenException("The text is not a well-formed agent secret (as_live_/as_test_, 46 characters, valid checksum).");

    /// <summary>A second, independently disposable copy of this secret.</summary>
    internal AgentSecret Clone() => new(AsciiBytes.ToArray());

    /// <summary>Parses the ASCII bytes of an agent secret (as read from the state file) without building a string.</summary>
    internal static AgentSecret? TryParseAscii(System.ReadOnlySpan<byte> ascii)
    {
        byte[]? copy = TryParseAscii(ascii, SecretTokenFormat.AgentLivePrefix, SecretTokenFormat.AgentTestPrefix);
        return copy is null ? null : new AgentSecret(copy);
    }

    /// <summary>Parses an agent secret; false when the text is not well-formed.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AgentSecret? secret)
    {
        byte[]? ascii = TryParseAscii(text, SecretTokenFormat.AgentLivePrefix, SecretTokenFormat.AgentTestPrefix);
        secret = ascii is null ? null : new AgentSecret(ascii);
        return secret is not null;
    }
}
