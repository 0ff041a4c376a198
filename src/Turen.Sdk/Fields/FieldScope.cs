using System;
using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Turen.Sdk.Fields;

/// <summary>
/// What an encrypted value is bound to: the organization, the chain of records from the root object down (type, context
/// values, and the member and index that lead to a nested record). Generated serializers build one per record; with a
/// fresh salt the bytes become the HKDF info of the record's AES-256-GCM key, and each member's name selects its nonce
/// and is authenticated, so a value opens only where it was sealed.
/// </summary>
/// <remarks>
/// Each item is tagged and length-prefixed (docs/format.md (field values)), so two different bindings never have equal bytes.
/// Called only by generated code; the owner of a scope disposes it, copies passed by <c>in</c> never do.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct FieldScope
{
    private const byte OrgTag = (byte)'O';
    private const byte TypeTag = (byte)'T';
    private const byte ContextTag = (byte)'C';
    private const byte LinkTag = (byte)'L';
    private const byte MemberTag = (byte)'M';

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly FieldProtector _protector;
    private byte[] _buffer;
    private int _length;
    private string _typeName;

    // Per-record AES-GCM: one key per record serialization (fresh salt), one nonce per member (derived from its name).
    private AesGcm? _sealer;
    private AesGcm? _opener;
    private byte[]? _headers; // [0, 21): the header values are sealed under; [21, 42): the header _opener was derived for.

    private FieldScope(FieldProtector protector, int capacity, string typeName)
    {
        _protector = protector;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
        _length = 0;
        _typeName = typeName;
    }

    /// <summary>The protector whose keys the scope uses.</summary>
    public readonly FieldProtector Protector => _protector ?? throw new InvalidOperationException("The field scope was not initialized.");

    /// <summary>Starts the binding of a root object: label and organization. Dispose it when the object is done.</summary>
    public static FieldScope Root(FieldProtector protector)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var scope = new FieldScope(protector, 64 + protector.OrgIdUtf8.Length, string.Empty);
        scope.Append(FieldFormat.ValueLabel);
        scope.AppendItem(OrgTag, protector.OrgIdUtf8);
        return scope;
    }

    /// <summary>
    /// Starts the binding of a record of <paramref name="typeName"/> reached from <paramref name="parent"/> through
    /// <paramref name="parentMember"/> (null at the root) at <paramref name="index"/> (-1 outside a collection).
    /// </summary>
    public static FieldScope Begin(scoped in FieldScope parent, string? parentMember, int index, string typeName)
    {
        FieldProtector protector = parent.Protector;
        var scope = new FieldScope(protector, parent._length + 128 + (typeName.Length * 3), typeName);
        scope.Append(parent._buffer.AsSpan(0, parent._length));
        if (parentMember is not null)
        {
            scope.AppendItem(LinkTag, parentMember);
            scope.EnsureCapacity(4);
            BinaryPrimitives.WriteInt32BigEndian(scope._buffer.AsSpan(scope._length), index);
            scope._length += 4;
        }

        scope.AppendItem(TypeTag, typeName);
        return scope;
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

        byte[] plaintext = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        int length = 0;
        try
        {
            length = StrictUtf8.GetBytes(value, plaintext);
            WriteSealed(writer, member, plaintext.AsSpan(0, length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(plaintext);
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

    // One pooled, zeroed-after-use plaintext buffer for every decrypt path; the stored value comes either as text
    // (a string read earlier) or as the reader's raw UTF-8 bytes, so the JSON text is never copied.
    private object OpenPooled(string member, ReadOnlySpan<char> storedText, ReadOnlySpan<byte> storedUtf8, bool asText)
    {
        bool fromUtf8 = storedText.IsEmpty && !storedUtf8.IsEmpty;
        byte[] plaintext = ArrayPool<byte>.Shared.Rent(fromUtf8 ? storedUtf8.Length : storedText.Length);
        int length = 0;
        try
        {
            length = fromUtf8 ? Open(member, storedUtf8, plaintext) : Open(member, storedText, plaintext);
            if (!asText)
            {
                return plaintext.AsSpan(0, length).ToArray();
            }

            try
            {
                return StrictUtf8.GetString(plaintext, 0, length);
            }
            catch (DecoderFallbackException)
            {
                throw new FieldIntegrityException(_typeName, member);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(plaintext);
        }
    }

    /// <summary>Returns the buffer to the pool. Only the scope's owner calls it.</summary>
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

    private void WriteSealed(Utf8JsonWriter writer, string member, ReadOnlySpan<byte> plaintext)
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

        int rawLength = FieldFormat.Overhead + plaintext.Length;
        byte[] raw = ArrayPool<byte>.Shared.Rent(rawLength);
        byte[] text = ArrayPool<byte>.Shared.Rent(Base64UrlCodec.GetEncodedLength(rawLength) + 4);
        try
        {
            header.CopyTo(raw);
            Span<byte> nonce = stackalloc byte[FieldFormat.NonceSize];
            int aadLength = MemberAad(header, member, out byte[] aad);
            try
            {
                DeriveNonce(aad.AsSpan(FieldFormat.HeaderSize, aadLength - FieldFormat.HeaderSize), nonce);
                _sealer.Encrypt(nonce, plaintext, raw.AsSpan(FieldFormat.HeaderSize, plaintext.Length), raw.AsSpan(FieldFormat.HeaderSize + plaintext.Length, FieldFormat.TagSize), aad.AsSpan(0, aadLength));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(aad);
            }

            int written = Base64UrlCodec.EncodeToUtf8(raw.AsSpan(0, rawLength), text);
            writer.WriteStringValue(text.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
            ArrayPool<byte>.Shared.Return(text);
        }
    }

    private int Open(string member, scoped ReadOnlySpan<char> stored, byte[] plaintext)
    {
        byte[] raw = ArrayPool<byte>.Shared.Rent(Base64UrlCodec.GetMaxDecodedLength(stored.Length) + 3);
        try
        {
            return Base64UrlCodec.TryDecode(stored, raw, out int rawLength) ? OpenRaw(member, raw, rawLength, plaintext) : throw new FieldIntegrityException(_typeName, member);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private int Open(string member, scoped ReadOnlySpan<byte> storedUtf8, byte[] plaintext)
    {
        byte[] raw = ArrayPool<byte>.Shared.Rent(Base64UrlCodec.GetMaxDecodedLength(storedUtf8.Length) + 3);
        try
        {
            return Base64UrlCodec.TryDecodeUtf8(storedUtf8, raw, out int rawLength) ? OpenRaw(member, raw, rawLength, plaintext) : throw new FieldIntegrityException(_typeName, member);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private int OpenRaw(string member, byte[] raw, int rawLength, byte[] plaintext)
    {
        if (rawLength < FieldFormat.Overhead || raw[0] != FieldFormat.Version1)
        {
            throw new FieldIntegrityException(_typeName, member);
        }

        uint version = BinaryPrimitives.ReadUInt32BigEndian(raw.AsSpan(1));
        if (version is 0 or > int.MaxValue)
        {
            throw new FieldIntegrityException(_typeName, member);
        }

        ReadOnlySpan<byte> header = raw.AsSpan(0, FieldFormat.HeaderSize);
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

        int length = rawLength - FieldFormat.Overhead;
        Span<byte> nonce = stackalloc byte[FieldFormat.NonceSize];
        int aadLength = MemberAad(header, member, out byte[] aad);
        try
        {
            DeriveNonce(aad.AsSpan(FieldFormat.HeaderSize, aadLength - FieldFormat.HeaderSize), nonce);
            _opener.Decrypt(nonce, raw.AsSpan(FieldFormat.HeaderSize, length), raw.AsSpan(FieldFormat.HeaderSize + length, FieldFormat.TagSize), plaintext.AsSpan(0, length), aad.AsSpan(0, aadLength));
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(plaintext.AsSpan(0, length));
            throw new FieldIntegrityException(_typeName, member);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(aad);
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
            HKDF.Expand(HashAlgorithmName.SHA256, key.Prk, recordKey, _buffer.AsSpan(0, _length));
            return new AesGcm(recordKey, FieldFormat.TagSize);
        }
        finally
        {
            _length = mark;
            CryptographicOperations.ZeroMemory(recordKey);
        }
    }

    /// <summary>AAD = header ‖ 'M' ‖ u16 length ‖ UTF-8 member name, in a rented array; returns its length.</summary>
    private readonly int MemberAad(scoped ReadOnlySpan<byte> header, string member, out byte[] aad)
    {
        aad = ArrayPool<byte>.Shared.Rent(FieldFormat.HeaderSize + 3 + StrictUtf8.GetMaxByteCount(member.Length));
        header.CopyTo(aad);
        aad[FieldFormat.HeaderSize] = MemberTag;
        int written = StrictUtf8.GetBytes(member, aad.AsSpan(FieldFormat.HeaderSize + 3));
        BinaryPrimitives.WriteUInt16BigEndian(aad.AsSpan(FieldFormat.HeaderSize + 1), (ushort)written);
        return FieldFormat.HeaderSize + 3 + written;
    }

    /// <summary>nonce = SHA-256("turen.nonce.v1" 0x00 ‖ member item)[0..12): distinct per member, so never repeated under one record key.</summary>
    private static void DeriveNonce(scoped ReadOnlySpan<byte> memberItem, scoped Span<byte> nonce)
    {
        Span<byte> input = stackalloc byte[FieldFormat.NonceLabel.Length + memberItem.Length];
        FieldFormat.NonceLabel.CopyTo(input);
        memberItem.CopyTo(input[FieldFormat.NonceLabel.Length..]);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(input, digest);
        digest[..FieldFormat.NonceSize].CopyTo(nonce);
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
            throw new InvalidOperationException("The field scope was not initialized or is disposed.");
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
