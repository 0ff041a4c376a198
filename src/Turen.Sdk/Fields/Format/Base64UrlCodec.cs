using System;
using System.Buffers;
using System.Buffers.Text;

namespace Turen.Sdk.Fields.Format;

/// <summary>
/// Unpadded base64url (RFC 4648 §5) over spans. Stored values use it because JSON writers escape '+' of standard base64,
/// which would inflate every value. (System.Buffers.Text.Base64Url exists only from .NET 9.)
/// </summary>
internal static class Base64UrlCodec
{
    public static int GetEncodedLength(int byteCount) => ((byteCount * 4) + 2) / 3;

    public static int GetMaxDecodedLength(int charCount) => (charCount * 3) / 4;

    /// <summary>Encodes to UTF-8 base64url; <paramref name="destination"/> must hold <see cref="GetEncodedLength"/> bytes plus 2.</summary>
    public static int EncodeToUtf8(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        OperationStatus status = Base64.EncodeToUtf8(source, destination, out _, out int written);
        if (status != OperationStatus.Done)
        {
            throw new InvalidOperationException("Base64 encoding buffer too small.");
        }

        while (written > 0 && destination[written - 1] == (byte)'=')
        {
            written--;
        }

        for (int i = 0; i < written; i++)
        {
            byte c = destination[i];
            if (c == (byte)'+')
            {
                destination[i] = (byte)'-';
            }
            else if (c == (byte)'/')
            {
                destination[i] = (byte)'_';
            }
        }

        return written;
    }

    /// <summary>Encodes to a string.</summary>
    public static string Encode(ReadOnlySpan<byte> source)
    {
        int max = GetEncodedLength(source.Length) + 2;
        byte[]? rented = max > 256 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[256];
        try
        {
            int written = EncodeToUtf8(source, buffer);
            return System.Text.Encoding.ASCII.GetString(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes unpadded base64url text; false for any character outside the alphabet or an impossible length.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        byte[]? rented = text.Length > 512 ? ArrayPool<byte>.Shared.Rent(text.Length) : null;
        Span<byte> ascii = rented ?? stackalloc byte[512];
        try
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] > 127)
                {
                    return false;
                }

                ascii[i] = (byte)text[i];
            }

            return TryDecodeUtf8(ascii[..text.Length], destination, out written);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes unpadded base64url UTF-8 text; false for any byte outside the alphabet, an impossible length or a non-canonical tail.</summary>
    public static bool TryDecodeUtf8(ReadOnlySpan<byte> text, Span<byte> destination, out int written)
    {
        written = 0;
        if (text.Length % 4 == 1)
        {
            return false;
        }

        int padded = (text.Length + 3) & ~3;
        byte[]? rented = padded > 512 ? ArrayPool<byte>.Shared.Rent(padded) : null;
        Span<byte> standard = rented ?? stackalloc byte[512];
        try
        {
            for (int i = 0; i < text.Length; i++)
            {
                byte c = text[i];
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                {
                    standard[i] = c;
                }
                else if (c == '-')
                {
                    standard[i] = (byte)'+';
                }
                else if (c == '_')
                {
                    standard[i] = (byte)'/';
                }
                else
                {
                    return false;
                }
            }

            standard[text.Length..padded].Fill((byte)'=');
            OperationStatus status = Base64.DecodeFromUtf8(standard[..padded], destination, out _, out written);
            if (status != OperationStatus.Done || GetEncodedLength(written) != text.Length)
            {
                return false;
            }

            // Reject non-canonical encodings (unused low bits set), so one value has exactly one text form.
            int tail = written % 3;
            if (tail != 0)
            {
                Span<byte> check = stackalloc byte[4];
                Base64.EncodeToUtf8(destination.Slice(written - tail, tail), check, out _, out _);
                byte last = check[tail];
                byte expected = last == (byte)'+' ? (byte)'-' : last == (byte)'/' ? (byte)'_' : last;
                if (expected != text[^1])
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
