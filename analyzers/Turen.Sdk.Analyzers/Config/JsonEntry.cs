using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace Turen.Sdk.Analyzers.Config;

/// <summary>One scalar of a config file with its key path (array items are numbered) and exact position.</summary>
internal sealed class JsonEntry
{
    public JsonEntry(ImmutableArray<string> path, string value, bool isString, TextSpan span, bool hasEscapes)
    {
        Path = path;
        Value = value;
        IsString = isString;
        Span = span;
        HasEscapes = hasEscapes;
    }

    public ImmutableArray<string> Path { get; }

    /// <summary>The unescaped string, or the raw text of a number, true, false or null.</summary>
    public string Value { get; }

    public bool IsString { get; }

    /// <summary>The token, quotes included.</summary>
    public TextSpan Span { get; }

    /// <summary>True when the string had escapes, so offsets in <see cref="Value"/> do not map to the file.</summary>
    public bool HasEscapes { get; }

    /// <summary>The last key that is not an array index.</summary>
    public string Key
    {
        get
        {
            for (int i = Path.Length - 1; i >= 0; i--)
            {
                if (Path[i].Length == 0 || !char.IsDigit(Path[i][0]))
                {
                    return Path[i];
                }
            }

            return string.Empty;
        }
    }

    /// <summary>The span of Value[start..start+length] in the file, or the whole token when escapes break the mapping.</summary>
    public TextSpan SpanOf(int start, int length) =>
        IsString && !HasEscapes && start >= 0 && start + length <= Value.Length ? new TextSpan(Span.Start + 1 + start, length) : Span;
}
