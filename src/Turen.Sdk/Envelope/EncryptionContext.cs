using System;
using System.Buffers.Binary;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace Turen.Sdk.Envelope;

/// <summary>
/// An immutable set of non-secret key/value pairs bound to a message by authentication (the AWS Encryption SDK
/// "encryption context"). Pairs are kept in the order the format requires: ascending by the UTF-8 bytes of the key.
/// </summary>
/// <remarks>
/// This type accepts every context the format allows, so that messages from other producers can be read. The stricter
/// rules Turen applies when sealing (keys in <c>[a-z0-9./-]</c>, no <c>aws-crypto-</c> prefix) are checked by the
/// sealing code, not here.
/// </remarks>
public sealed class EncryptionContext : IReadOnlyDictionary<string, string>, IEquatable<EncryptionContext>
{
    /// <summary>The largest serialized context the header's 16-bit length field can describe.</summary>
    public const int MaxSerializedLength = ushort.MaxValue;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Entry[] _entries;

    /// <summary>The context with no pairs.</summary>
    public static EncryptionContext Empty { get; } = new(Array.Empty<Entry>());

    private EncryptionContext(Entry[] sortedEntries) => _entries = sortedEntries;

    /// <summary>Creates a context from pairs; order does not matter.</summary>
    /// <exception cref="ArgumentException">A key repeats, a key is empty, a string is not valid Unicode, or the serialized form exceeds 65,535 bytes.</exception>
    public static EncryptionContext Create(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var entries = new List<Entry>();
        foreach (KeyValuePair<string, string> pair in pairs)
        {
            ArgumentNullException.ThrowIfNull(pair.Key, nameof(pairs));
            ArgumentNullException.ThrowIfNull(pair.Value, nameof(pairs));
            if (pair.Key.Length == 0)
            {
                throw new ArgumentException("Encryption context keys must not be empty.", nameof(pairs));
            }

            entries.Add(new Entry(pair.Key, pair.Value, Encode(pair.Key), Encode(pair.Value)));
        }

        return FromEntries(entries);
    }

    /// <summary>Creates a context from alternating keys and values, e.g. <c>Of("turen.org", "acme")</c>.</summary>
    public static EncryptionContext Of(params string[] keysAndValues)
    {
        ArgumentNullException.ThrowIfNull(keysAndValues);
        if (keysAndValues.Length % 2 != 0)
        {
            throw new ArgumentException("Expected alternating keys and values.", nameof(keysAndValues));
        }

        var pairs = new KeyValuePair<string, string>[keysAndValues.Length / 2];
        for (int i = 0; i < pairs.Length; i++)
        {
            pairs[i] = new(keysAndValues[2 * i], keysAndValues[(2 * i) + 1]);
        }

        return Create(pairs);
    }

    /// <summary>Returns a context with the pairs of this one and of <paramref name="other"/>; a key in both must have equal values.</summary>
    /// <exception cref="ArgumentException">The two contexts disagree on a key's value.</exception>
    public EncryptionContext Union(EncryptionContext other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._entries.Length == 0)
        {
            return this;
        }

        var merged = new List<Entry>(_entries);
        foreach (Entry entry in other._entries)
        {
            if (TryGetValue(entry.Key, out string? existing))
            {
                if (!string.Equals(existing, entry.Value, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Encryption context key '{entry.Key}' has two different values.", nameof(other));
                }

                continue;
            }

            merged.Add(entry);
        }

        return FromEntries(merged);
    }

    /// <summary>The number of pairs.</summary>
    public int Count => _entries.Length;

    /// <summary>The number of bytes <see cref="WriteTo"/> writes: 0 for an empty context.</summary>
    public int SerializedLength { get; private set; }

    /// <inheritdoc/>
    public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"Encryption context has no key '{key}'.");

    /// <summary>Keys in serialization order (ascending UTF-8 bytes).</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (Entry e in _entries)
            {
                yield return e.Key;
            }
        }
    }

    /// <summary>Values in key serialization order.</summary>
    public IEnumerable<string> Values
    {
        get
        {
            foreach (Entry e in _entries)
            {
                yield return e.Value;
            }
        }
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (Entry e in _entries)
        {
            if (string.Equals(e.Key, key, StringComparison.Ordinal))
            {
                value = e.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>
    /// Writes the format's serialization: nothing for an empty context, otherwise
    /// <c>u16 count ‖ (u16 keyLen ‖ key ‖ u16 valueLen ‖ value)*</c> in key order.
    /// </summary>
    /// <returns>The number of bytes written (<see cref="SerializedLength"/>).</returns>
    public int WriteTo(Span<byte> destination)
    {
        if (_entries.Length == 0)
        {
            return 0;
        }

        if (destination.Length < SerializedLength)
        {
            throw new ArgumentException("Destination is too small.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)_entries.Length);
        int offset = 2;
        foreach (Entry e in _entries)
        {
            offset += WriteField(destination[offset..], e.KeyUtf8);
            offset += WriteField(destination[offset..], e.ValueUtf8);
        }

        return offset;
    }

    /// <summary>Returns the serialization as a new array (empty for an empty context).</summary>
    public byte[] ToArray()
    {
        byte[] result = new byte[SerializedLength];
        WriteTo(result);
        return result;
    }

    /// <summary>
    /// Parses a serialized context exactly as stored in a header: a count greater than zero, no duplicate keys, valid
    /// UTF-8, and nothing left over. An empty span is the empty context.
    /// </summary>
    /// <returns>False when the bytes are not a valid serialized context.</returns>
    public static bool TryParse(ReadOnlySpan<byte> serialized, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EncryptionContext? context)
    {
        context = null;
        if (serialized.IsEmpty)
        {
            context = Empty;
            return true;
        }

        if (serialized.Length < 2)
        {
            return false;
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(serialized);
        if (count == 0)
        {
            return false;
        }

        var entries = new List<Entry>(Math.Min(count, 1024));
        int offset = 2;
        for (int i = 0; i < count; i++)
        {
            if (!TryReadField(serialized, ref offset, out byte[]? key) || !TryReadField(serialized, ref offset, out byte[]? value))
            {
                return false;
            }

            string keyText, valueText;
            try
            {
                keyText = StrictUtf8.GetString(key);
                valueText = StrictUtf8.GetString(value);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }

            entries.Add(new Entry(keyText, valueText, key, value));
        }

        if (offset != serialized.Length)
        {
            return false;
        }

        try
        {
            context = FromEntries(entries);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (Entry e in _entries)
        {
            yield return new KeyValuePair<string, string>(e.Key, e.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(EncryptionContext? other)
    {
        if (other is null || other._entries.Length != _entries.Length)
        {
            return false;
        }

        for (int i = 0; i < _entries.Length; i++)
        {
            if (!string.Equals(_entries[i].Key, other._entries[i].Key, StringComparison.Ordinal) ||
                !string.Equals(_entries[i].Value, other._entries[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EncryptionContext);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (Entry e in _entries)
        {
            hash.Add(e.Key, StringComparer.Ordinal);
            hash.Add(e.Value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Lists the pairs; an encryption context is not secret by definition.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("{");
        foreach (Entry e in _entries)
        {
            if (sb.Length > 1)
            {
                sb.Append(", ");
            }

            sb.Append(e.Key).Append('=').Append(e.Value);
        }

        return sb.Append('}').ToString();
    }

    private static EncryptionContext FromEntries(List<Entry> entries)
    {
        if (entries.Count == 0)
        {
            return Empty;
        }

        // The format orders pairs by the UTF-8 bytes of the key, which differs from UTF-16 ordinal order for
        // supplementary-plane characters; sort on the encoded bytes.
        entries.Sort(static (a, b) => a.KeyUtf8.AsSpan().SequenceCompareTo(b.KeyUtf8));
        int length = 2;
        for (int i = 0; i < entries.Count; i++)
        {
            if (i > 0 && entries[i - 1].KeyUtf8.AsSpan().SequenceEqual(entries[i].KeyUtf8))
            {
                throw new ArgumentException($"Encryption context key '{entries[i].Key}' appears twice.");
            }

            if (entries[i].KeyUtf8.Length > ushort.MaxValue || entries[i].ValueUtf8.Length > ushort.MaxValue)
            {
                throw new ArgumentException("An encryption context key or value exceeds 65,535 bytes.");
            }

            length += 4 + entries[i].KeyUtf8.Length + entries[i].ValueUtf8.Length;
        }

        if (length > MaxSerializedLength || entries.Count > ushort.MaxValue)
        {
            throw new ArgumentException("The serialized encryption context exceeds 65,535 bytes.");
        }

        return new EncryptionContext(entries.ToArray()) { SerializedLength = length };
    }

    private static byte[] Encode(string text)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("Encryption context strings must be valid Unicode (no lone surrogates).", ex);
        }
    }

    private static int WriteField(Span<byte> destination, byte[] value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)value.Length);
        value.CopyTo(destination[2..]);
        return 2 + value.Length;
    }

    private static bool TryReadField(ReadOnlySpan<byte> source, ref int offset, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? value)
    {
        value = null;
        if (source.Length - offset < 2)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(source[offset..]);
        offset += 2;
        if (source.Length - offset < length)
        {
            return false;
        }

        value = source.Slice(offset, length).ToArray();
        offset += length;
        return true;
    }

    private readonly record struct Entry(string Key, string Value, byte[] KeyUtf8, byte[] ValueUtf8);
}
