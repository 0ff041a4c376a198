using System;

namespace Turen.Sdk.Fuzzing.Targets;

/// <summary>
/// The only plaintext ever sealed into session seeds: byte i is a function of i. A decoder that hands out any other byte
/// (or a genuine byte at the wrong position, e.g. from a reordered frame) released plaintext it had not authenticated.
/// </summary>
public static class SessionPlaintext
{
    /// <summary>The first <paramref name="length"/> bytes of the pattern.</summary>
    public static byte[] Create(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = At(i);
        }

        return bytes;
    }

    /// <summary>True when <paramref name="released"/> is a prefix of the pattern.</summary>
    public static bool IsGenuine(ReadOnlySpan<byte> released)
    {
        for (int i = 0; i < released.Length; i++)
        {
            if (released[i] != At(i))
            {
                return false;
            }
        }

        return true;
    }

    private static byte At(int i) => (byte)((i * 131) + ((i >> 8) * 7) + (i >> 16) + 0x5A);
}
