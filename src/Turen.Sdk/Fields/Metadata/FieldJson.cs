using System;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace Turen.Sdk.Fields.Metadata;

/// <summary>
/// Nested annotated objects, JSON helpers for the types <see cref="Utf8JsonWriter"/> has no overload for, and token checks;
/// called by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FieldJson
{
    /// <summary>Writes a nested annotated object; called by generated code.</summary>
    public static void WriteNested<T>(Utf8JsonWriter writer, T value, scoped in FieldBinding binding, string member, int index)
        where T : ITurenSerializable<T> => T.Write(writer, value, in binding, member, index);

    /// <summary>Reads a nested annotated object (the reader is on its start token); called by generated code.</summary>
    public static T ReadNested<T>(ref Utf8JsonReader reader, scoped in FieldBinding binding, string member, int index)
        where T : ITurenSerializable<T>
    {
        Expect(ref reader, JsonTokenType.StartObject);
        return T.Read(ref reader, in binding, member, index);
    }

    /// <summary>Writes a string or null.</summary>
    public static void WriteString(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    /// <summary>Writes base64 bytes or null.</summary>
    public static void WriteBytes(Utf8JsonWriter writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteBase64StringValue(value);
        }
    }

    /// <summary>Writes an ISO 8601 date (yyyy-MM-dd).</summary>
    public static void WriteDateOnly(Utf8JsonWriter writer, DateOnly value)
    {
        Span<char> text = stackalloc char[16];
        value.TryFormat(text, out int written, "O", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>Writes an ISO 8601 time (HH:mm:ss.fffffff).</summary>
    public static void WriteTimeOnly(Utf8JsonWriter writer, TimeOnly value)
    {
        Span<char> text = stackalloc char[24];
        value.TryFormat(text, out int written, "O", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>Writes a time span in the constant format ([-][d.]hh:mm:ss[.fffffff]), as System.Text.Json does.</summary>
    public static void WriteTimeSpan(Utf8JsonWriter writer, TimeSpan value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out int written, "c", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>Reads a string or null.</summary>
    public static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetString();

    /// <summary>Reads base64 bytes or null.</summary>
    public static byte[]? ReadBytes(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetBytesFromBase64();

    /// <summary>Reads an ISO 8601 date.</summary>
    public static DateOnly ReadDateOnly(ref Utf8JsonReader reader)
    {
        Span<char> buffer = stackalloc char[64];
        int length = CopyShortString(ref reader, buffer);
        return DateOnly.TryParseExact(buffer[..length], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly value)
            ? value
            : throw new JsonException("Expected an ISO 8601 date (yyyy-MM-dd).");
    }

    /// <summary>Reads an ISO 8601 time.</summary>
    public static TimeOnly ReadTimeOnly(ref Utf8JsonReader reader)
    {
        Span<char> buffer = stackalloc char[64];
        int length = CopyShortString(ref reader, buffer);
        return TimeOnly.TryParseExact(buffer[..length], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly value)
            ? value
            : throw new JsonException("Expected an ISO 8601 time (HH:mm:ss.fffffff).");
    }

    /// <summary>Reads a time span in the constant format.</summary>
    public static TimeSpan ReadTimeSpan(ref Utf8JsonReader reader)
    {
        Span<char> buffer = stackalloc char[64];
        int length = CopyShortString(ref reader, buffer);
        return TimeSpan.TryParseExact(buffer[..length], "c", CultureInfo.InvariantCulture, out TimeSpan value)
            ? value
            : throw new JsonException("Expected a time span ([-][d.]hh:mm:ss[.fffffff]).");
    }

    /// <summary>Moves to the next token and checks its type.</summary>
    public static void ReadExpected(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (!reader.Read() || reader.TokenType != expected)
        {
            throw new JsonException($"Expected {expected}.");
        }
    }

    /// <summary>Checks the current token's type.</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected)
        {
            throw new JsonException($"Expected {expected} but found {reader.TokenType}.");
        }
    }

    /// <summary>The exception for a required member absent from the JSON.</summary>
    public static JsonException MissingMember(string typeName, string member) => new($"'{typeName}' JSON is missing the required member '{member}'.");

    /// <summary>The exception for null in a member that is not nullable.</summary>
    public static JsonException NullMember(string typeName, string member) => new($"'{typeName}.{member}' must not be null.");

    private static int CopyShortString(ref Utf8JsonReader reader, scoped Span<char> buffer)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string but found {reader.TokenType}.");
        }

        if ((reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > buffer.Length)
        {
            throw new JsonException("The value is too long for its type.");
        }

        return reader.CopyString(buffer);
    }
}
