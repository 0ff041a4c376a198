using System;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Analyzers.Text;

/// <summary>Decides whether a string that reaches a secret sink is a secret value rather than a placeholder or a name.</summary>
internal static class SecretValues
{
    /// <summary>True when <paramref name="value"/> should be reported as a hard-coded secret at a sink.</summary>
    public static bool LooksLikeSecretValue(string value, SecretNouns nouns)
    {
        if (Placeholders.IsEmptyOrPlaceholder(value) || IsTestToken(value))
        {
            return false;
        }

        // "X-Api-Key", "Turen:ApiKey", "refresh_token": a name of a secret; "Invalid password": a message about one.
        // "my-signing-key-123" ends in digits and is a value.
        if (nouns.EndsInSecretNoun(value, ignoreTrailingDigits: false) || IsEnvironmentVariableName(value) ||
            (HasWhiteSpace(value) && nouns.MentionsSecretNoun(value)))
        {
            return false;
        }

        return true;
    }

    /// <summary>Test tokens exist so fixtures need no suppression.</summary>
    public static bool IsTestToken(string value) =>
        value.StartsWith(SecretTokenFormat.AgentTestPrefix, StringComparison.Ordinal) ||
        value.StartsWith(SecretTokenFormat.ApiKeyTestPrefix, StringComparison.Ordinal);

    private static bool HasWhiteSpace(string value)
    {
        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    // DB_PASS, TUREN_AGENT_SECRET: names of environment variables, not values.
    private static bool IsEnvironmentVariableName(string value)
    {
        if (value.IndexOf('_') < 0 || !(value[0] >= 'A' && value[0] <= 'Z'))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
