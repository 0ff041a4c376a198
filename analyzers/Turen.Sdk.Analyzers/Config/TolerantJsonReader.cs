using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Turen.Sdk.Analyzers.Config;

/// <summary>
/// Reads appsettings-style JSON into scalar entries with positions. Tolerates comments, trailing commas, single quotes and
/// damaged input: it never throws, it stops at the first thing it cannot read and keeps what it has. Depth is bounded.
/// </summary>
internal sealed class TolerantJsonReader
{
    private const int MaxDepth = 64;
    private readonly string text;
    private readonly List<JsonEntry> entries = new();
    private readonly List<string> path = new();
    private int pos;

    private TolerantJsonReader(string text) => this.text = text;

    public static ImmutableArray<JsonEntry> Read(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ImmutableArray<JsonEntry>.Empty;
        }

        var reader = new TolerantJsonReader(text!);
        reader.SkipTrivia();
        reader.ReadValue(0);
        return reader.entries.ToImmutableArray();
    }

    // Each Read* returns false when the input cannot be read further; callers stop and unwind.
    private bool ReadValue(int depth)
    {
        if (depth > MaxDepth || pos >= text.Length)
        {
            return false;
        }

        char c = text[pos];
        if (c == '{')
        {
            return ReadObject(depth);
        }

        if (c == '[')
        {
            return ReadArray(depth);
        }

        int start = pos;
        if (c == '"' || c == '\'')
        {
            if (!ReadString(out string value, out bool escapes))
            {
                return false;
            }

            Add(value, isString: true, start, escapes);
            return true;
        }

        while (pos < text.Length && !IsDelimiter(text[pos]))
        {
            pos++;
        }

        if (pos == start)
        {
            return false;
        }

        Add(text.Substring(start, pos - start), isString: false, start, escapes: false);
        return true;
    }

    private bool ReadObject(int depth)
    {
        pos++;
        while (true)
        {
            SkipTrivia();
            if (pos >= text.Length)
            {
                return false;
            }

            if (text[pos] == '}')
            {
                pos++;
                return true;
            }

            if (text[pos] == ',')
            {
                pos++;
                continue;
            }

            if ((text[pos] != '"' && text[pos] != '\'') || !ReadString(out string key, out _))
            {
                return false;
            }

            SkipTrivia();
            if (pos >= text.Length || text[pos] != ':')
            {
                return false;
            }

            pos++;
            SkipTrivia();
            path.Add(key);
            bool ok = ReadValue(depth + 1);
            path.RemoveAt(path.Count - 1);
            if (!ok)
            {
                return false;
            }
        }
    }

    private bool ReadArray(int depth)
    {
        pos++;
        int index = 0;
        while (true)
        {
            SkipTrivia();
            if (pos >= text.Length)
            {
                return false;
            }

            if (text[pos] == ']')
            {
                pos++;
                return true;
            }

            if (text[pos] == ',')
            {
                pos++;
                continue;
            }

            path.Add(index.ToString(CultureInfo.InvariantCulture));
            bool ok = ReadValue(depth + 1);
            path.RemoveAt(path.Count - 1);
            index++;
            if (!ok)
            {
                return false;
            }
        }
    }

    private bool ReadString(out string value, out bool escapes)
    {
        char quote = text[pos];
        pos++;
        escapes = false;
        var builder = new StringBuilder();
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c == quote)
            {
                pos++;
                value = builder.ToString();
                return true;
            }

            if (c == '\n')
            {
                break;
            }

            if (c == '\\')
            {
                escapes = true;
                if (pos + 1 >= text.Length)
                {
                    break;
                }

                char e = text[pos + 1];
                pos += 2;
                switch (e)
                {
                    case 'n': builder.Append('\n'); break;
                    case 't': builder.Append('\t'); break;
                    case 'r': builder.Append('\r'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'u':
                        if (pos + 4 <= text.Length &&
                            int.TryParse(text.Substring(pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                        {
                            builder.Append((char)code);
                            pos += 4;
                        }

                        break;
                    default: builder.Append(e); break;
                }

                continue;
            }

            builder.Append(c);
            pos++;
        }

        value = string.Empty;
        return false;
    }

    private void SkipTrivia()
    {
        while (pos < text.Length)
        {
            char c = text[pos];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                pos++;
            }
            else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '/')
            {
                while (pos < text.Length && text[pos] != '\n')
                {
                    pos++;
                }
            }
            else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '*')
            {
                int end = text.IndexOf("*/", pos + 2, System.StringComparison.Ordinal);
                pos = end < 0 ? text.Length : end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsDelimiter(char c) => c == ',' || c == '}' || c == ']' || c == ':' || c == '/' || char.IsWhiteSpace(c);

    private void Add(string value, bool isString, int start, bool escapes) =>
        entries.Add(new JsonEntry(path.ToImmutableArray(), value, isString, TextSpan.FromBounds(start, pos), escapes));
}
