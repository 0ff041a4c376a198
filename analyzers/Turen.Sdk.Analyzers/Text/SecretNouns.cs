using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Turen.Sdk.Analyzers.Text;

/// <summary>
/// Decides whether a name ends in a secret noun (rule TUR001's words). A name that ends in a qualifier such as Id, Hash or
/// Url describes a secret rather than holding one, and does not end in a noun, so it never matches.
/// </summary>
internal sealed class SecretNouns
{
    // Nouns are compared with their words concatenated, so "ApiKey", "api_key" and "apikey" are the same noun.
    private static readonly string[] BuiltIn =
    {
        "password", "passwd", "pwd", "passphrase", "secret", "clientsecret", "apikey",
        "accesstoken", "refreshtoken", "bearertoken", "authtoken", "sessiontoken", "idtoken", "token",
        "privatekey", "signingkey", "credential", "credentials", "connectionstring", "dek", "datakey",
    };

    public static readonly SecretNouns Default = new(ImmutableArray<string>.Empty);

    private readonly HashSet<string> nouns;
    private readonly int longestWordCount;

    public SecretNouns(ImmutableArray<string> additionalWords)
    {
        nouns = new HashSet<string>(BuiltIn, StringComparer.Ordinal);
        longestWordCount = 2;
        foreach (string extra in additionalWords)
        {
            List<string> words = IdentifierWords.Split(extra);
            if (words.Count > 0)
            {
                nouns.Add(string.Concat(words));
                longestWordCount = Math.Max(longestWordCount, words.Count);
            }
        }
    }

    /// <summary>Builds the word list from the comma-separated .editorconfig value (null or empty: built-in only).</summary>
    public static SecretNouns FromOption(string? commaSeparated)
    {
        if (string.IsNullOrWhiteSpace(commaSeparated))
        {
            return Default;
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (string part in commaSeparated!.Split(','))
        {
            if (part.Trim().Length > 0)
            {
                builder.Add(part.Trim());
            }
        }

        return new SecretNouns(builder.ToImmutable());
    }

    public bool EndsInSecretNoun(string? name) => EndsInSecretNoun(name, ignoreTrailingDigits: true);

    public bool EndsInSecretNoun(string? name, bool ignoreTrailingDigits)
    {
        if (name is null || name.Length == 0 || !MayEndInNoun(name, ignoreTrailingDigits))
        {
            return false;
        }

        List<string> words = IdentifierWords.Split(name);
        // "Password2": trailing digits number a secret, they do not describe it.
        while (ignoreTrailingDigits && words.Count > 0 && char.IsDigit(words[words.Count - 1][0]))
        {
            words.RemoveAt(words.Count - 1);
        }

        string suffix = string.Empty;
        for (int take = 1; take <= Math.Min(longestWordCount + 1, words.Count); take++)
        {
            suffix = words[words.Count - take] + suffix;
            if (nouns.Contains(suffix))
            {
                return true;
            }
        }

        return false;
    }

    // Most names end in no noun at all: compare the tail with each noun, case-insensitively, skipping separators, without
    // allocating. Only a possible match pays for the word split that decides it.
    private bool MayEndInNoun(string name, bool ignoreTrailingDigits)
    {
        int end = name.Length - 1;
        while (end >= 0 && (IsSeparator(name[end]) || (ignoreTrailingDigits && char.IsDigit(name[end]))))
        {
            end--;
        }

        foreach (string noun in nouns)
        {
            int i = end;
            int j = noun.Length - 1;
            while (i >= 0 && j >= 0)
            {
                if (IsSeparator(name[i]))
                {
                    i--;
                    continue;
                }

                if (char.ToLowerInvariant(name[i]) != noun[j])
                {
                    break;
                }

                i--;
                j--;
            }

            if (j < 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSeparator(char c) => !char.IsLetterOrDigit(c);

    /// <summary>True when any word run of <paramref name="text"/> is a secret noun: "Invalid password", "X-Api-Key".</summary>
    public bool MentionsSecretNoun(string text)
    {
        List<string> words = IdentifierWords.Split(text);
        for (int end = words.Count; end > 0; end--)
        {
            string suffix = string.Empty;
            for (int take = 1; take <= Math.Min(longestWordCount + 1, end); take++)
            {
                suffix = words[end - take] + suffix;
                if (nouns.Contains(suffix))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
