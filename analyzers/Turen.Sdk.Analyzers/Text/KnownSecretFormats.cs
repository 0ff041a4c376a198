using System;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Analyzers.Text;

/// <summary>
/// Recognises secrets by their published shape. Every check needs the full shape (length, alphabet, checksum where the
/// format has one), so a prefix that is merely mentioned ("ghp_", "-----BEGIN PRIVATE KEY-----" in a parser) is not a hit.
/// Returns a description for the message; never the matched text.
/// </summary>
internal static class KnownSecretFormats
{
    private static readonly string[] GitHubPrefixes = { "ghp_", "gho_", "ghu_", "ghs_", "ghr_" };

    public static string? Find(string text)
    {
        if (text.Length < 16)
        {
            return null;
        }

        if (FindTurenToken(text) is { } turen)
        {
            return turen;
        }

        if (ContainsAwsAccessKeyId(text))
        {
            return "an AWS access key id";
        }

        if (ContainsPemPrivateKey(text))
        {
            return "a PEM private key";
        }

        foreach (string prefix in GitHubPrefixes)
        {
            if (HasToken(text, prefix, 36, 36, allowUnderscore: false))
            {
                return "a GitHub token";
            }
        }

        if (HasToken(text, "github_pat_", 60, 255, allowUnderscore: true))
        {
            return "a GitHub token";
        }

        if (ContainsSlackToken(text))
        {
            return "a Slack token";
        }

        if (HasToken(text, "sk_live_", 24, 255, allowUnderscore: false) || HasToken(text, "rk_live_", 24, 255, allowUnderscore: false))
        {
            return "a Stripe live key";
        }

        return null;
    }

    /// <summary>Live Turen tokens whose checksum verifies. Test tokens (as_test_, ak_test_) exist for fixtures and never match.</summary>
    private static string? FindTurenToken(string text)
    {
        foreach (string prefix in new[] { SecretTokenFormat.AgentLivePrefix, SecretTokenFormat.ApiKeyLivePrefix })
        {
            int length = prefix.Length + SecretTokenFormat.BodyLength + SecretTokenFormat.ChecksumLength;
            int at = text.IndexOf(prefix, StringComparison.Ordinal);
            while (at >= 0)
            {
                if (at + length <= text.Length && (at == 0 || !IsTokenChar(text[at - 1])) &&
                    (at + length == text.Length || !SecretTokenFormat.IsBase62(text[at + length])) &&
                    SecretTokenFormat.IsWellFormed(text.Substring(at, length)))
                {
                    return prefix == SecretTokenFormat.AgentLivePrefix ? "a Turen agent secret" : "a Turen API key";
                }

                at = text.IndexOf(prefix, at + 1, StringComparison.Ordinal);
            }
        }

        return null;
    }

    private static bool ContainsAwsAccessKeyId(string text)
    {
        for (int i = 0; i + 20 <= text.Length; i++)
        {
            if ((text[i] == 'A' && text[i + 1] == 'K' || text[i] == 'A' && text[i + 1] == 'S') && text[i + 2] == 'I' && text[i + 3] == 'A' &&
                (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && (i + 20 == text.Length || !char.IsLetterOrDigit(text[i + 20])))
            {
                bool all = true;
                for (int j = i + 4; j < i + 20; j++)
                {
                    char c = text[j];
                    all &= (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                }

                // AWS documents its samples with the suffix EXAMPLE; they are placeholders, not keys.
                if (all && text.IndexOf("EXAMPLE", i, 20, StringComparison.Ordinal) < 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ContainsPemPrivateKey(string text)
    {
        int begin = text.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        while (begin >= 0)
        {
            int headerEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
            if (headerEnd < 0)
            {
                return false;
            }

            string label = text.Substring(begin + 11, headerEnd - begin - 11);
            if (label.EndsWith("PRIVATE KEY", StringComparison.Ordinal))
            {
                // A header alone is a marker a parser looks for; a key has a body of base64 after it.
                int body = 0;
                for (int i = headerEnd + 5; i < text.Length && text[i] != '-'; i++)
                {
                    char c = text[i];
                    if (char.IsLetterOrDigit(c) || c == '+' || c == '/' || c == '=')
                    {
                        body++;
                    }
                }

                if (body >= 64)
                {
                    return true;
                }
            }

            begin = text.IndexOf("-----BEGIN ", headerEnd, StringComparison.Ordinal);
        }

        return false;
    }

    private static bool ContainsSlackToken(string text)
    {
        int at = text.IndexOf("xox", StringComparison.Ordinal);
        while (at >= 0 && at + 5 <= text.Length)
        {
            if ("baprs".IndexOf(text[at + 3]) >= 0 && text[at + 4] == '-' && (at == 0 || !char.IsLetterOrDigit(text[at - 1])))
            {
                int n = 0;
                for (int i = at + 5; i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '-'); i++)
                {
                    n++;
                }

                if (n >= 10)
                {
                    return true;
                }
            }

            at = text.IndexOf("xox", at + 1, StringComparison.Ordinal);
        }

        return false;
    }

    private static bool HasToken(string text, string prefix, int minBody, int maxBody, bool allowUnderscore)
    {
        int at = text.IndexOf(prefix, StringComparison.Ordinal);
        while (at >= 0)
        {
            if (at == 0 || !IsTokenChar(text[at - 1]))
            {
                int n = 0;
                int i = at + prefix.Length;
                while (i < text.Length && (IsAsciiAlphanumeric(text[i]) || (allowUnderscore && text[i] == '_')))
                {
                    n++;
                    i++;
                }

                if (n >= minBody && n <= maxBody)
                {
                    return true;
                }
            }

            at = text.IndexOf(prefix, at + 1, StringComparison.Ordinal);
        }

        return false;
    }

    private static bool IsAsciiAlphanumeric(char c) => c < 128 && char.IsLetterOrDigit(c);

    private static bool IsTokenChar(char c) => IsAsciiAlphanumeric(c) || c == '_';
}
