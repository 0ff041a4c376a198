using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Turen.Sdk.Fields.Format;

/// <summary>
/// Keyed lookup hashes: <c>thash1$&lt;dekVersion&gt;$&lt;base64url(HMAC-SHA-256(hashKey, UTF-8(value)))&gt;</c> where
/// <c>hashKey = HKDF-Expand(PRK_v, "turen.hash.v1\0" ‖ 'O' org ‖ 'T' type ‖ 'M' member, 32)</c>. Deterministic per
/// (org, key version, type, member), so a presented secret can be hashed and looked up.
/// </summary>
internal static class KeyedHash
{
    private const int EncodedMacLength = 43;

    // Secrets up to this many UTF-8 bytes are hashed from a stack buffer (zeroed after use) rather than a pooled one.
    private const int StackLimit = 256;

    // Prefix ‖ up to 10 version digits ‖ "$" ‖ 43 base64url characters (+2 for the encoder's unpadded tail).
    private static readonly int MaxTextLength = FieldFormat.KeyedHashPrefix.Length + 10 + 1 + EncodedMacLength + 2;

    public static string Compute(FieldProtector protector, string typeName, string memberName, string value)
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        return Encoding.ASCII.GetString(text[..Format(protector, typeName, memberName, value, text)]);
    }

    /// <summary>Writes the hash <see cref="Compute"/> would return as a JSON string value, without allocating it.</summary>
    public static void Write(System.Text.Json.Utf8JsonWriter writer, FieldProtector protector, string typeName, string memberName, string value)
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        writer.WriteStringValue(text[..Format(protector, typeName, memberName, value, text)]);
    }

    /// <summary>Checks a presented value against a stored hash in constant time; false for a malformed hash.</summary>
    /// <exception cref="FieldKeyUnavailableException">The hash names a key version that is not loaded.</exception>
    public static bool Verify(FieldProtector protector, string typeName, string memberName, string stored, string presented)
    {
        Span<byte> expected = stackalloc byte[FieldFormat.KeyedHashSize];
        if (!TryParse(stored, out int version, expected))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[FieldFormat.KeyedHashSize];
        ComputeMac(protector, protector.GetKey(version), typeName, memberName, presented, actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Recognises exactly the strings <see cref="Compute"/> produces.</summary>
    public static bool IsKeyedHash(string? value) => value is not null && TryParse(value, out _, stackalloc byte[FieldFormat.KeyedHashSize]);

    /// <summary>The key version a stored hash names, or 0 when it is not a keyed hash.</summary>
    public static int GetVersion(string value) => TryParse(value, out int version, stackalloc byte[FieldFormat.KeyedHashSize]) ? version : 0;

    private static bool TryParse(string value, out int version, Span<byte> mac)
    {
        version = 0;
        if (!value.StartsWith(FieldFormat.KeyedHashPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = value.AsSpan(FieldFormat.KeyedHashPrefix.Length);
        int dollar = rest.IndexOf('$');
        if (dollar is < 1 or > 10 || rest[0] == '0')
        {
            return false;
        }

        foreach (char c in rest[..dollar])
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (!int.TryParse(rest[..dollar], NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1)
        {
            return false;
        }

        ReadOnlySpan<char> encoded = rest[(dollar + 1)..];
        Span<byte> decoded = stackalloc byte[FieldFormat.KeyedHashSize + 3];
        if (encoded.Length != EncodedMacLength || !Base64UrlCodec.TryDecode(encoded, decoded, out int written) || written != FieldFormat.KeyedHashSize)
        {
            version = 0;
            return false;
        }

        decoded[..written].CopyTo(mac);
        return true;
    }

    /// <summary>The stored form of the hash of <paramref name="value"/> under the active version, as ASCII; returns its length.</summary>
    private static int Format(FieldProtector protector, string typeName, string memberName, string value, Span<byte> text)
    {
        Span<byte> mac = stackalloc byte[FieldFormat.KeyedHashSize];
        FieldProtector.VersionKey key = protector.Active;
        ComputeMac(protector, key, typeName, memberName, value, mac);
        int length = Encoding.ASCII.GetBytes(FieldFormat.KeyedHashPrefix, text);
        key.Version.TryFormat(text[length..], out int digits, default, CultureInfo.InvariantCulture);
        length += digits;
        text[length++] = (byte)'$';
        return length + Base64UrlCodec.EncodeToUtf8(mac, text[length..]);
    }

    private static void ComputeMac(FieldProtector protector, FieldProtector.VersionKey key, string typeName, string memberName, string value, Span<byte> mac)
    {
        int capacity = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = capacity > StackLimit ? System.Buffers.ArrayPool<byte>.Shared.Rent(capacity) : null;
        Span<byte> text = rented ?? stackalloc byte[StackLimit];
        int textLength = 0;
        try
        {
            textLength = Encoding.UTF8.GetBytes(value, text);
            protector.ComputeKeyedMac(key, typeName, memberName, text[..textLength], mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(text[..textLength]);
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    internal static byte[] DeriveHashKey(FieldProtector protector, FieldProtector.VersionKey key, string typeName, string memberName)
    {
        int infoLength = FieldFormat.HashLabel.Length + 9 + protector.OrgIdUtf8.Length + Encoding.UTF8.GetMaxByteCount(typeName.Length + memberName.Length);
        byte[]? rentedInfo = infoLength > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(infoLength) : null;
        Span<byte> info = rentedInfo ?? stackalloc byte[512];
        try
        {
            int offset = 0;
            FieldFormat.HashLabel.CopyTo(info);
            offset += FieldFormat.HashLabel.Length;
            offset += WriteItem(info[offset..], (byte)'O', protector.OrgIdUtf8);
            offset += WriteItem(info[offset..], (byte)'T', typeName);
            offset += WriteItem(info[offset..], (byte)'M', memberName);
            byte[] hashKey = GC.AllocateArray<byte>(FieldFormat.KeySize, pinned: true);
            key.Expand.ExpandOneBlock(info[..offset], hashKey);
            return hashKey;
        }
        finally
        {
            if (rentedInfo is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rentedInfo);
            }
        }
    }

    private static int WriteItem(Span<byte> destination, byte tag, string value)
    {
        int written = Encoding.UTF8.GetBytes(value, destination[3..]);
        destination[0] = tag;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)written);
        return 3 + written;
    }

    private static int WriteItem(Span<byte> destination, byte tag, ReadOnlySpan<byte> value)
    {
        destination[0] = tag;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)value.Length);
        value.CopyTo(destination[3..]);
        return 3 + value.Length;
    }
}
