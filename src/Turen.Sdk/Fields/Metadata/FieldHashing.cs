using System;
using System.ComponentModel;
using System.Text.Json;
using Turen.Sdk.Fields.Format;

namespace Turen.Sdk.Fields.Metadata;

/// <summary>Writes and reads <c>[Hashed]</c> members; called by generated serializers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FieldHashing
{
    /// <summary>Writes the stored form: a value that already is a hash (read back from storage) unchanged, anything else hashed.</summary>
    public static void WriteHashed(Utf8JsonWriter writer, scoped in FieldBinding binding, HashedField field, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(field);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else if (field.IsHash(value))
        {
            writer.WriteStringValue(value);
        }
        else if (field.Kind == Annotations.HashKind.Keyed)
        {
            KeyedHash.Write(writer, binding.Protector, field.TypeName, field.MemberName, value);
        }
        else
        {
            writer.WriteStringValue(field.Compute(binding.Protector, value));
        }
    }

    /// <summary>Reads a stored hash; anything that is not a hash of the member's kind is refused (plaintext never comes back).</summary>
    /// <exception cref="FieldIntegrityException">The stored value is not a hash of the member's kind.</exception>
    public static string? ReadHashed(ref Utf8JsonReader reader, HashedField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        string? stored = FieldJson.ReadString(ref reader);
        if (stored is not null && !field.IsHash(stored))
        {
            throw new FieldIntegrityException(field.TypeName, field.MemberName);
        }

        return stored;
    }
}
