namespace Turen.Sdk.Generators.Model;

/// <summary>
/// A member's type as the emitter needs it: a value, never a symbol.
/// </summary>
/// <param name="Kind">How the value is serialized.</param>
/// <param name="FullyQualifiedName">The type as written in generated code (<c>global::</c>-qualified, nullable annotations included).</param>
/// <param name="Element">The element type of a collection or <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="EnumUnderlying">For enums, the underlying integer kind.</param>
/// <param name="AllowsNull">Whether null is a legal value (nullable reference type or <c>Nullable&lt;T&gt;</c>).</param>
internal sealed record TypeRef(ValueKind Kind, string FullyQualifiedName, TypeRef? Element, ValueKind? EnumUnderlying, bool AllowsNull)
{
    /// <summary>The name without a trailing nullable annotation, for <c>new</c> and generic arguments.</summary>
    public string NonNullableName => FullyQualifiedName.EndsWith("?", System.StringComparison.Ordinal) && Kind != ValueKind.Nullable
        ? FullyQualifiedName.Substring(0, FullyQualifiedName.Length - 1)
        : FullyQualifiedName;

    public bool IsReferenceKind => Kind is ValueKind.String or ValueKind.Bytes or ValueKind.Array or ValueKind.List || (Kind == ValueKind.Nested && !IsValueTypeNested);

    /// <summary>For <see cref="ValueKind.Nested"/>: whether the nested type is a struct.</summary>
    public bool IsValueTypeNested { get; init; }
}
