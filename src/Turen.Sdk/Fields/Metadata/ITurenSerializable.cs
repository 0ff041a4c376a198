using System.ComponentModel;
using System.Text.Json;

namespace Turen.Sdk.Fields.Metadata;

/// <summary>
/// Implemented by the Turen source generator on every partial type with <c>[Encrypted]</c>, <c>[Hashed]</c> or
/// <c>[EncryptionContext]</c> members: the reflection-free writer and reader <see cref="TurenSerializer"/> calls.
/// </summary>
/// <typeparam name="TSelf">The annotated type.</typeparam>
public interface ITurenSerializable<TSelf>
    where TSelf : ITurenSerializable<TSelf>
{
    /// <summary>Writes <paramref name="value"/> as a JSON object; generated.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract void Write(Utf8JsonWriter writer, TSelf value, scoped in FieldBinding parent, string? parentMember, int index);

    /// <summary>Reads a JSON object (the reader is on its start token); generated.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract TSelf Read(ref Utf8JsonReader reader, scoped in FieldBinding parent, string? parentMember, int index);
}
