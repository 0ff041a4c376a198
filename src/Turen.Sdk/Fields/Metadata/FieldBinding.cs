using System;
using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Turen.Sdk.Fields.Format;

namespace Turen.Sdk.Fields.Metadata;

/// <summary>
/// What an encrypted value is bound to: the organization, the chain of records from the root object down (type, context
/// values, and the member and index that lead to a nested record). Generated serializers build one per record; with a
/// fresh salt the bytes become the HKDF info of the record's AES-256-GCM key, and each member's name selects its nonce
/// and is authenticated, so a value opens only where it was sealed.
/// </summary>
/// <remarks>
/// Each item is tagged and length-prefixed (docs/format.md (field values)), so two different bindings never have equal bytes.
/// Called only by generated code; the owner of a binding disposes it, copies passed by <c>in</c> never do.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct FieldBinding
{
    private const byte OrgTag = (byte)'O';
    private const byte TypeTag = (byte)'T';
    private const byte ContextTag = (byte)'C';
    private const byte LinkTag = (byte)'L';

    // Values up to this many bytes are handled in stack buffers (zeroed like pooled ones): no pool traffic per value.
    private const int StackLimit = 512;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly FieldProtector _protector;
    private byte[] _buffer;
    private int _length;
    private string _typeName;

    // Per-record AES-GCM: one key per record serialization (fresh salt), one nonce per member (derived from its name).
    private AesGcm? _sealer;
    private AesGcm? _opener;
    private byte[]? _headers; // [0, 21): the header values are sealed under; [21, 42): the header _opener was derived for.

    private FieldBinding(FieldProtector protector, int capacity, string typeName)
    {
        _protector = protector;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
        _length = 0;
        _typeName = typeName;
    }

    /// <summary>The protector whose keys the binding uses.</summary>
    public readonly FieldProtector Protector => _protector ?? throw new InvalidOperationException("The field binding was not initialized.");

    /// <summary>Starts the binding of a root object: label and organization. Dispose it when the object is done.</summary>
    public static FieldBinding Root(FieldProtector protector)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var binding = new FieldBinding(protector, 64 + protector.OrgIdUtf8.Length, string.Empty);
        binding.Append(FieldFormat.ValueLabel);
        binding.AppendItem(OrgTag, protector.OrgIdUtf8);
        return binding;
    }

    /// <summary>
    /// Starts the binding of a record of <paramref name="typeName"/> reached from <paramref name="parent"/> through
    /// <paramref name="parentMember"/> (null at the root) at <paramref name="index"/> (-1 outside a collection).
    /// </summary>
    public static FieldBinding Begin(scoped in FieldBinding parent, string? parentMember, int index, string typeName)
    {
        FieldProtector protector = parent.Protector;
        var binding = new FieldBinding(protector, parent._length + 128 + (typeName.Length * 3), typeName);
        binding.Append(parent._buffer.AsSpan(0, parent._length));
        if (parentMember is not null)
        {
            binding.AppendItem(LinkTag, parentMember);
            binding.EnsureCapacity(4);
            BinaryPrimitives.WriteInt32BigEndian(binding._buffer.AsSpan(binding._length), index);
            binding._length += 4;
        }

        binding.AppendItem(TypeTag, typeName);
        return binding;
    }

    /// <summary>Binds a string context value.</summary>
    /// <exception cref="InvalidOperationException">The value is null: a context member must always have a value.</exception>
    public void AddContext(string name, string? value)
    {
        if (value is null)
        {
            throw new InvalidOperationException($"Encryption context member '{_typeName}.{name}' is null; context members must always have a value.");
        }

        AppendItem(ContextTag, name);
        AppendItem(ContextTag, value);
    }

    /// <summary>Binds a <see cref="Guid"/> context value (format "D").</summary>
    public void AddContext(string name, Guid value)
    {
        Span<char> text = stackalloc char[36];
        value.TryFormat(text, out int written, "D");
        AddContextChars(name, text[..written]);
    }

    /// <summary>Binds a signed integer (or enum) context value.</summary>
    public void AddContext(string name, long value)
    {
        Span<char> text = stackalloc char[24];
        value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
        AddContextChars(name, text[..written]);
    }

    /// <summary>Binds an unsigned integer context value.</summary>
    public void AddContext(string name, ulong value)
    {
        Span<char> text = stackalloc char[24];
        value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
        AddContextChars(name, text[..written]);
    }

    /// <summary>Binds a Boolean context value.</summary>
    public void AddContext(string name, bool value) => AddContextChars(name, value ? "true" : "false");

    /// <summary>Seals a string member and writes it as a JSON string value (or null).</summary>
    public void WriteEncrypted(Utf8JsonWriter writer, string member, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        int capacity = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = capacity > StackLimit ? ArrayPool<byte>.Shared.Rent(capacity) : null;
        Span<byte> plaintext = rented ?? stackalloc byte[StackLimit];
        int length = 0;
        try
        {
            length = StrictUtf8.GetBytes(value, plaintext);
            WriteSealed(writer, member, plaintext[..length]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext[..length]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Seals a byte-array member and writes it as a JSON string value (or null).</summary>
    public void WriteEncrypted(Utf8JsonWriter writer, string member, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        WriteSealed(writer, member, value);
    }

    /// <summary>Opens a string member read from storage.</summary>
    /// <exception cref="FieldIntegrityException">The value does not open here.</exception>
    /// <exception cref="FieldKeyUnavailableException">The value names a data-key version that is not loaded.</exception>
    public string? DecryptString(string member, string? stored) =>
        stored is null ? null : (string)OpenPooled(member, stored, default, asText: true);

    /// <summary>Opens a byte-array member read from storage.</summary>
    /// <exception cref="FieldIntegrityException">The value does not open here.</exception>
    /// <exception cref="FieldKeyUnavailableException">The value names a data-key version that is not loaded.</exception>
    public byte[]? DecryptBytes(string member, string? stored) =>
        stored is null ? null : (byte[])OpenPooled(member, stored, default, asText: false);

    /// <summary>Opens a string member at the reader's current token (a JSON string or null) without allocating the stored text.</summary>
    /// <inheritdoc cref="DecryptString(string, string?)" path="/exception"/>
    public string? DecryptString(string member, ref Utf8JsonReader reader) =>
        IsNullToken(member, ref reader) ? null
        : reader.ValueIsEscaped || reader.HasValueSequence ? DecryptString(member, reader.GetString())
        : (string)OpenPooled(member, default, reader.ValueSpan, asText: true);

    /// <summary>Opens a byte-array member at the reader's current token (a JSON string or null) without allocating the stored text.</summary>
    /// <inheritdoc cref="DecryptBytes(string, string?)" path="/exception"/>
    public byte[]? DecryptBytes(string member, ref Utf8JsonReader reader) =>
        IsNullToken(member, ref reader) ? null
        : reader.ValueIsEscaped || reader.HasValueSequence ? DecryptBytes(member, reader.GetString())
        : (byte[])OpenPooled(member, default, reader.ValueSpan, asText: false);

    private bool IsNullToken(string member, ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? true
        : reader.TokenType == JsonTokenType.String ? false
        : throw new FieldIntegrityException(_typeName, member);

    // One buffer, zeroed after use, for every decrypt path: the stored value (text read earlier, or the reader's raw UTF-8
    // bytes, so the JSON text is never copied) is decoded into it and decrypted in place.
    private object OpenPooled(string member, ReadOnlySpan<char> storedText, ReadOnlySpan<byte> storedUtf8, bool asText)
    {
        bool fromUtf8 = storedText.IsEmpty && !storedUtf8.IsEmpty;
        int capacity = Base64UrlCodec.GetMaxDecodedLength(fromUtf8 ? storedUtf8.Length : storedText.Length) + 3;
        byte[]? rented = capacity > StackLimit ? ArrayPool<byte>.Shared.Rent(capacity) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackLimit];
        int used = 0;
        try
        {
            bool decoded = fromUtf8 ? Base64UrlCodec.TryDecodeUtf8(storedUtf8, buffer, out used) : Base64UrlCodec.TryDecode(storedText, buffer, out used);
            if (!decoded)
            {
                throw new FieldIntegrityException(_typeName, member);
            }

            ReadOnlySpan<byte> plaintext = buffer.Slice(FieldFormat.HeaderSize, OpenInPlace(member, buffer[..used]));
            if (!asText)
            {
                return plaintext.ToArray();
            }

            try
            {
                return StrictUtf8.GetString(plaintext);
            }
            catch (DecoderFallbackException)
            {
                throw new FieldIntegrityException(_typeName, member);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer[..used]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Returns the buffer to the pool. Only the binding's owner calls it.</summary>
    public void Dispose()
    {
        _sealer?.Dispose();
        _sealer = null;
        _opener?.Dispose();
        _opener = null;
        if (_headers is not null)
        {
            ArrayPool<byte>.Shared.Return(_headers);
            _headers = null;
        }

        byte[]? buffer = _buffer;
        _buffer = null!;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void WriteSealed(Utf8JsonWriter writer, string member, scoped ReadOnlySpan<byte> plaintext)
    {
        _headers ??= ArrayPool<byte>.Shared.Rent(2 * FieldFormat.HeaderSize);
        Span<byte> header = _headers.AsSpan(0, FieldFormat.HeaderSize);
        if (_sealer is null)
        {
            FieldProtector.VersionKey key = Protector.Active;
            header[0] = FieldFormat.Version1;
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)key.Version);
            RandomNumberGenerator.Fill(header.Slice(5, FieldFormat.SaltSize));
            _sealer = CreateCipher(key, header);
        }

        // Typical values (tokens, keys) fit on the stack; only large ones touch the pool.
        int rawLength = FieldFormat.Overhead + plaintext.Length;
        int textLength = Base64UrlCodec.GetEncodedLength(rawLength) + 4;
        byte[]? rented = rawLength + textLength > StackLimit ? ArrayPool<byte>.Shared.Rent(rawLength + textLength) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackLimit];
        Span<byte> raw = buffer[..rawLength];
        Span<byte> text = buffer.Slice(rawLength, textLength);
        try
        {
            header.CopyTo(raw);
            MemberBinding item = MemberBinding.For(member);
            Span<byte> aad = stackalloc byte[item.AadLength];
            item.WriteAad(header, aad);
            _sealer.Encrypt(item.Nonce, plaintext, raw.Slice(FieldFormat.HeaderSize, plaintext.Length), raw.Slice(FieldFormat.HeaderSize + plaintext.Length, FieldFormat.TagSize), aad);
            int written = Base64UrlCodec.EncodeToUtf8(raw, text);
            writer.WriteStringValue(text[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Opens a decoded value where it lies: the plaintext replaces the ciphertext, after the header. Returns its length.</summary>
    private int OpenInPlace(string member, scoped Span<byte> raw)
    {
        if (raw.Length < FieldFormat.Overhead || raw[0] != FieldFormat.Version1)
        {
            throw new FieldIntegrityException(_typeName, member);
        }

        uint version = BinaryPrimitives.ReadUInt32BigEndian(raw[1..]);
        if (version is 0 or > int.MaxValue)
        {
            throw new FieldIntegrityException(_typeName, member);
        }

        ReadOnlySpan<byte> header = raw[..FieldFormat.HeaderSize];
        _headers ??= ArrayPool<byte>.Shared.Rent(2 * FieldFormat.HeaderSize);
        Span<byte> openHeader = _headers.AsSpan(FieldFormat.HeaderSize, FieldFormat.HeaderSize);

        // The values of one record share a header, hence a key: derive it once per distinct header.
        if (_opener is null || !header.SequenceEqual(openHeader))
        {
            FieldProtector.VersionKey key = Protector.GetKey((int)version);
            _opener?.Dispose();
            _opener = null;
            _opener = CreateCipher(key, header);
            header.CopyTo(openHeader);
        }

        int length = raw.Length - FieldFormat.Overhead;
        MemberBinding item = MemberBinding.For(member);
        Span<byte> aad = stackalloc byte[item.AadLength];
        item.WriteAad(header, aad);
        Span<byte> text = raw.Slice(FieldFormat.HeaderSize, length);
        try
        {
            _opener.Decrypt(item.Nonce, text, raw.Slice(FieldFormat.HeaderSize + length, FieldFormat.TagSize), text, aad);
        }
        catch (CryptographicException)
        {
            // AesGcm has already cleared the output; nothing of the value is released.
            throw new FieldIntegrityException(_typeName, member);
        }

        return length;
    }

    /// <summary>recordKey = HKDF-Expand(PRK_v, binding ‖ header, 32), as an AES-256-GCM cipher. The key bytes are wiped at once.</summary>
    private AesGcm CreateCipher(FieldProtector.VersionKey key, scoped ReadOnlySpan<byte> header)
    {
        Span<byte> recordKey = stackalloc byte[FieldFormat.KeySize];
        int mark = _length;
        try
        {
            Append(header);
            key.Expand.ExpandOneBlock(_buffer.AsSpan(0, _length), recordKey);
            return new AesGcm(recordKey, FieldFormat.TagSize);
        }
        finally
        {
            _length = mark;
            CryptographicOperations.ZeroMemory(recordKey);
        }
    }

    private void AddContextChars(string name, scoped ReadOnlySpan<char> value)
    {
        AppendItem(ContextTag, name);
        AppendItem(ContextTag, value);
    }

    private void AppendItem(byte tag, scoped ReadOnlySpan<char> text)
    {
        EnsureCapacity(3 + StrictUtf8.GetMaxByteCount(text.Length));
        _buffer[_length] = tag;
        int written;
        try
        {
            written = StrictUtf8.GetBytes(text, _buffer.AsSpan(_length + 3));
        }
        catch (EncoderFallbackException)
        {
            throw new InvalidOperationException($"A name or context value of '{_typeName}' is not valid Unicode.");
        }

        if (written > ushort.MaxValue)
        {
            throw new InvalidOperationException($"A name or context value of '{_typeName}' exceeds 65,535 bytes.");
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length + 1), (ushort)written);
        _length += 3 + written;
    }

    private void AppendItem(byte tag, scoped ReadOnlySpan<byte> utf8)
    {
        EnsureCapacity(3 + utf8.Length);
        _buffer[_length] = tag;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length + 1), (ushort)utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length + 3));
        _length += 3 + utf8.Length;
    }

    private void Append(scoped ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void EnsureCapacity(int extra)
    {
        if (_buffer is null)
        {
            throw new InvalidOperationException("The field binding was not initialized or is disposed.");
        }

        if (_length + extra <= _buffer.Length)
        {
            return;
        }

        byte[] grown = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
        _buffer.AsSpan(0, _length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
