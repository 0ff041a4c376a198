using System.Collections.Generic;
using System.Text;

namespace Turen.Sdk.Analyzers.Text;

/// <summary>Splits identifiers and key names into lower-case words: PascalCase, camelCase, snake_case, kebab, digits, dots.</summary>
internal static class IdentifierWords
{
    public static List<string> Split(string name)
    {
        var words = new List<string>(4);
        if (string.IsNullOrEmpty(name))
        {
            return words;
        }

        var current = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(words, current);
                continue;
            }

            if (current.Length > 0)
            {
                char previous = name[i - 1];
                bool boundary =
                    (char.IsDigit(c) != char.IsDigit(previous)) ||
                    (char.IsUpper(c) && char.IsLower(previous)) ||
                    // "APIKey": the K starts a new word because a lower-case letter follows it.
                    (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]));
                if (boundary)
                {
                    Flush(words, current);
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(words, current);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
