
namespace Turen.Sdk.Generators.Emission;

/// <summary>Writes C# string literals: <c>{CSharpLiteral.String(x)}</c> in a <see cref="SourceWriter"/> line quotes and escapes in place.</summary>
internal static class CSharpLiteral
{
    public static CSharpString String(string value) => new(value);
}
