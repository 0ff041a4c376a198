
namespace Turen.Sdk.Generators.Model;

/// <summary>Everything the emitter needs to write one type's serializer; equatable, so unchanged types are not re-emitted.</summary>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Name">The type's name.</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified name.</param>
/// <param name="BindingName">The name bound into encrypted values and hashes (namespace-qualified, '+' for nesting).</param>
/// <param name="Printing">The <c>PrintMembers</c> to emit.</param>
/// <param name="HidesBaseHashedFields">A base type also gets a generated <c>HashedFields</c> class.</param>
/// <param name="Members">Serialized members in declaration order, base type's first.</param>
/// <param name="PrintableMembers">Names of the members a record's <c>PrintMembers</c> prints (never annotated ones).</param>
internal sealed record TypeSpec(
    string HintName,
    string? Namespace,
    ImmutableEquatableArray<ContainingTypeSpec> ContainingTypes,
    string Keyword,
    string Name,
    string FullyQualifiedName,
    string BindingName,
    PrintMembersKind Printing,
    bool HidesBaseHashedFields,
    ImmutableEquatableArray<MemberSpec> Members,
    ImmutableEquatableArray<string> PrintableMembers);
