namespace Turen.Sdk.Generators.Model;

/// <summary>A type that encloses the annotated type: its declaration keyword (<c>class</c>, <c>record struct</c>, ...) and name.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
