using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Turen.Sdk.Fields.Format;

/// <summary>
/// A member's binding item (<c>'M' ‖ u16 length ‖ UTF-8 name</c>) and the AES-GCM nonce derived from it
/// (<c>SHA-256("turen.nonce.v1" 0x00 ‖ item)[0..12)</c>, docs/format.md). Both depend on the member name only, so they
/// are computed once per name rather than hashed for every value.
/// </summary>
internal sealed class MemberBinding
{
    private const byte MemberTag = (byte)'M';

    // Member names come from generated code, so the set is small and fixed; the bound only guards against misuse.
    private const int MaxCached = 4096;

    private static readonly ConcurrentDictionary<string, MemberBinding> Cache = new(StringComparer.Ordinal);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private MemberBinding(byte[] bytes, byte[] nonce)
    {
        Bytes = bytes;
        Nonce = nonce;
    }

    /// <summary>The tagged, length-prefixed member name that ends a value's AAD.</summary>
    public byte[] Bytes { get; }

    /// <summary>The member's nonce under a record key.</summary>
    public byte[] Nonce { get; }

    /// <summary>Length of a value's AAD: <c>header ‖ item</c>.</summary>
    public int AadLength => FieldFormat.HeaderSize + Bytes.Length;

    /// <summary>Writes a value's AAD, <c>header ‖ item</c>, into <paramref name="destination"/> (<see cref="AadLength"/> bytes).</summary>
    public void WriteAad(ReadOnlySpan<byte> header, Span<byte> destination)
    {
        header.CopyTo(destination);
        Bytes.CopyTo(destination[FieldFormat.HeaderSize..]);
    }

    public static MemberBinding For(string member)
    {
        if (Cache.TryGetValue(member, out MemberBinding? item))
        {
            return item;
        }

        item = Create(member);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(member, item);
        }

        return item;
    }

    private static MemberBinding Create(string member)
    {
        int length = StrictUtf8.GetByteCount(member);
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException("A member name exceeds 65,535 bytes.");
        }

        byte[] bytes = new byte[3 + length];
        bytes[0] = MemberTag;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(1), (ushort)length);
        StrictUtf8.GetBytes(member, bytes.AsSpan(3));

        byte[] input = new byte[FieldFormat.NonceLabel.Length + bytes.Length];
        FieldFormat.NonceLabel.CopyTo(input);
        bytes.CopyTo(input.AsSpan(FieldFormat.NonceLabel.Length));
        byte[] nonce = SHA256.HashData(input)[..FieldFormat.NonceSize];
        return new MemberBinding(bytes, nonce);
    }
}
