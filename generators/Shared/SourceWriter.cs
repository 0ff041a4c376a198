using System;
using System.Text;

namespace Turen.Sdk.Generators.Shared;

/// <summary>
/// Writes indented C# text line by line (after System.Text.Json's SourceWriter): cheaper and easier to read than
/// building syntax trees, and the output is deterministic (LF line endings, four-space indentation).
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indentation;

    public void WriteLine(string text)
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indentation * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes <paramref name="text"/> then an opening brace, and indents.</summary>
    public void OpenBlock(string text)
    {
        WriteLine(text);
        OpenBlock();
    }

    public void OpenBlock()
    {
        WriteLine("{");
        _indentation++;
    }

    public void CloseBlock(string suffix = "")
    {
        if (_indentation == 0)
        {
            throw new InvalidOperationException("Unbalanced block.");
        }

        _indentation--;
        WriteLine("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
