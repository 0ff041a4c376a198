using System.Diagnostics.CodeAnalysis;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Credentials;

/// <summary>
/// An API key: <c>ak_live_…</c> (or <c>ak_test_…</c>), in the same checksummed scheme as <see cref="AgentSecret"/>.
/// Servers keep only its keyed hash and its <see cref="LookupId"/>; see <see cref="ApiKeyService"/>.
/// </summary>
public sealed class ApiKey : SecretToken
{
    /// <summary>
    /// How many body characters the non-secret lookup id carries (8 base62 characters ≈ 47.6 bits). The remaining
    /// 24 characters (≈ 142.9 bits) stay secret, which is what an attacker who reads the key table must guess.
    /// </summary>
    public const int LookupBodyLength = 8;

    private ApiKey(byte[] ascii)
        : base(ascii)
    {
        LookupId = string.Concat(Prefix, System.Text.Encoding.ASCII.GetString(ascii, Prefix.Length, LookupBodyLength));
    }

    /// <summary>
    /// The non-secret id of the key: its prefix and the first 8 body characters (e.g. <c>ak_live_Zr4T0pQa</c>). Stored in
    /// clear to find the key's hash, shown in listings, and used to revoke it.
    /// </summary>
    public string LookupId { get; }

    /// <summary>Generates a fresh API key from the CSPRNG.</summary>
    public static ApiKey Generate(SecretEnvironment environment = SecretEnvironment.Live) =>
        new(GenerateAscii(environment == SecretEnvironment.Test ? SecretTokenFormat.ApiKeyTestPrefix : SecretTokenFormat.ApiKeyLivePrefix));

    /// <summary>Parses an API key, checking prefix, length, alphabet and checksum.</summary>
    /// <exception cref="InvalidSecretTokenException">The text is not a well-formed API key (the message does not contain it).</exception>
    public static ApiKey Parse(string text) =>
        TryParse(text, out ApiKey? key)
            ? key
            : throw new InvalidSecretTokenException("The text is not a well-formed API key (ak_live_/ak_test_, 46 characters, valid checksum).");

    /// <summary>Parses an API key; false when the text is not well-formed.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ApiKey? key)
    {
        byte[]? ascii = TryParseAscii(text, SecretTokenFormat.ApiKeyLivePrefix, SecretTokenFormat.ApiKeyTestPrefix);
        key = ascii is null ? null : new ApiKey(ascii);
        return key is not null;
    }

    /// <summary>True when <paramref name="lookupId"/> has the shape of a lookup id (known API-key prefix and 8 base62 characters).</summary>
    public static bool IsLookupId(string? lookupId)
    {
        if (lookupId is null || lookupId.Length != 8 + LookupBodyLength
            || !(lookupId.StartsWith(SecretTokenFormat.ApiKeyLivePrefix, System.StringComparison.Ordinal)
                 || lookupId.StartsWith(SecretTokenFormat.ApiKeyTestPrefix, System.StringComparison.Ordinal)))
        {
            return false;
        }

        for (int i = 8; i < lookupId.Length; i++)
        {
            if (!SecretTokenFormat.IsBase62(lookupId[i]))
            {
                return false;
            }
        }

        return true;
    }
}
