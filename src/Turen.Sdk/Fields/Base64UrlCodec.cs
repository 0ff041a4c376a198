using System;
using System.Buffers;
using System.Buffers.Text;

namespace Turen.Sdk.Fields;

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
        if (text.Length % 4 == 1)
        {
            return false;
        }

        int padded = (text.Length + 3) & ~3;
        byte[]? rented = padded > 512 ? ArrayPool<byte>.Shared.Rent(padded) : null;
        Span<byte> ascii = rented ?? stackalloc byte[512];
        try
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                byte b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                {
                    b = (byte)c;
                }
                else if (c == '-')
                {
                    b = (byte)'+';
                }
                else if (c == '_')
                {
                    b = (byte)'/';
                }
                else
                {
                    return false;
                }

                ascii[i] = b;
            }

            for (int i = text.Length; i < padded; i++)
            {
                ascii[i] = (byte)'=';
            }

            OperationStatus status = Base64.DecodeFromUtf8(ascii[..padded], destination, out _, out written);
            if (status != OperationStatus.Done)
            {
                return false;
            }

            // Reject non-canonical encodings (unused low bits set), so one value has exactly one text form.
            int canonicalLength = GetEncodedLength(written);
            if (canonicalLength != text.Length)
            {
                return false;
            }

            Span<byte> check = stackalloc byte[4];
            int tail = written % 3;
            if (tail != 0)
            {
                Base64.EncodeToUtf8(destination.Slice(written - tail, tail), check, out _, out _);
                for (int i = 0; i < tail + 1; i++)
                {
                    byte expected = check[i] == (byte)'+' ? (byte)'-' : check[i] == (byte)'/' ? (byte)'_' : check[i];
                    if (expected != (byte)text[text.Length - tail - 1 + i])
                    {
                        return false;
                    }
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
