namespace Turen.Sdk.Generators.Model;

/// <summary>One serialized property.</summary>
/// <param name="Name">The C# property name; also the name bound into encrypted values and hashes.</param>
/// <param name="JsonName">The JSON property name.</param>
/// <param name="Type">The property type.</param>
/// <param name="Protection">The annotation.</param>
/// <param name="IsRequired">Declared <c>required</c>: the JSON must contain it.</param>
internal sealed record MemberSpec(string Name, string JsonName, TypeRef Type, Protection Protection, bool IsRequired);
