using System;
using System.Buffers;
using System.Buffers.Text;

namespace Turen.Sdk.Fields.Format;

/// <summary>
/// Unpadded base64url (RFC 4648 §5) over spans, on the BCL's <see cref="Base64Url"/>. Stored values use it because JSON
/// writers escape the '+' of standard base64, which would inflate every value.
/// </summary>
/// <remarks>
/// Decoding is stricter than <see cref="Base64Url"/>, which also accepts padding, skips whitespace and ignores set unused
/// bits in the last character: here any character outside the url alphabet, an impossible length or a non-canonical
/// tail is refused, so each value has exactly one text form.
/// </remarks>
internal static class Base64UrlCodec
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly SearchValues<char> AlphabetChars = SearchValues.Create(Alphabet);
    private static readonly SearchValues<byte> AlphabetBytes = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Alphabet));

    public static int GetEncodedLength(int byteCount) => Base64Url.GetEncodedLength(byteCount);

    public static int GetMaxDecodedLength(int charCount) => Base64Url.GetMaxDecodedLength(charCount);

    /// <summary>Encodes to UTF-8 base64url; <paramref name="destination"/> must hold <see cref="GetEncodedLength"/> bytes.</summary>
    public static int EncodeToUtf8(ReadOnlySpan<byte> source, Span<byte> destination) => Base64Url.EncodeToUtf8(source, destination);

    /// <summary>Encodes to a string.</summary>
    public static string Encode(ReadOnlySpan<byte> source) => Base64Url.EncodeToString(source);

    /// <summary>Decodes unpadded base64url text; false for any character outside the alphabet, an impossible length or a non-canonical tail.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        return !text.ContainsAnyExcept(AlphabetChars) && IsCanonicalTail(text.Length, text.IsEmpty ? 'A' : text[^1])
            && Base64Url.TryDecodeFromChars(text, destination, out written);
    }

    /// <inheritdoc cref="TryDecode"/>
    public static bool TryDecodeUtf8(ReadOnlySpan<byte> text, Span<byte> destination, out int written)
    {
        written = 0;
        return !text.ContainsAnyExcept(AlphabetBytes) && IsCanonicalTail(text.Length, text.IsEmpty ? 'A' : (char)text[^1])
            && Base64Url.TryDecodeFromUtf8(text, destination, out written);
    }

    // A length of 4n+1 cannot be produced; 4n+2 and 4n+3 characters end in one holding 4 and 2 unused low bits, which the
    // canonical form leaves zero (RFC 4648 §3.5).
    private static bool IsCanonicalTail(int length, char last) => (length % 4) switch
    {
        0 => true,
        1 => false,
        2 => (Alphabet.IndexOf(last, StringComparison.Ordinal) & 0x0F) == 0,
        _ => (Alphabet.IndexOf(last, StringComparison.Ordinal) & 0x03) == 0,
    };
}
