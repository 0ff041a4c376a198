using Turen.Sdk.Generators.Emission;

namespace Turen.Sdk.Generators.Tests.Unit;

/// <summary>The writer's interpolation handlers append holes in place; what they write must be what the text says.</summary>
public sealed class SourceWriterTests
{
    [Fact]
    public void Interpolated_lines_are_indented_with_tabs_and_holes_written_in_place()
    {
        var w = new SourceWriter();
        string name = "Value";
        w.OpenBlock($"partial class {name}");
        w.WriteLine($"int __value{0} = {-1} + {12345} + {int.MinValue};");
        w.BeginLine($"var x = ");
        w.Write($"{name}.{name}");
        w.EndLine(";");
        w.WriteLine("");
        w.CloseBlock(";");

        Assert.Equal("partial class Value\n{\n\tint __value0 = -1 + 12345 + -2147483648;\n\tvar x = Value.Value;\n\n};\n", w.ToString());
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\keys", "\"C:\\\\keys\"")]
    [InlineData("line\nbreak\ttab", "\"line\\u000abreak\\u0009tab\"")]
    [InlineData("Grüße €", "\"Gr\\u00fc\\u00dfe \\u20ac\"")]
    [InlineData("", "\"\"")]
    public void String_literals_are_quoted_and_escaped(string value, string expected)
    {
        var w = new SourceWriter();
        w.WriteLine($"{CSharpLiteral.String(value)}");

        Assert.Equal(expected + "\n", w.ToString());
    }

    [Fact]
    public void A_reused_builder_starts_empty()
    {
        var first = new SourceWriter();
        first.WriteLine("first file");
        Assert.Equal("first file\n", first.ToString());

        var second = new SourceWriter();
        second.WriteLine("second");
        Assert.Equal("second\n", second.ToString());
    }
}
