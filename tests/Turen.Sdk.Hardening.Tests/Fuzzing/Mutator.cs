using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Turen.Sdk.Hardening.Tests.Fuzzing;

/// <summary>
/// A small AFL-style mutator for the in-process smoke: bit flips, interesting values, length-field tweaks, block
/// deletion/duplication/insertion and splicing. Deterministic for a given seed, so a failure names a reproducible case.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[] InterestingBytes = { 0x00, 0x01, 0x02, 0x7F, 0x80, 0xFE, 0xFF, (byte)'"', (byte)'$', (byte)'{', (byte)'\\' };
    private static readonly ushort[] InterestingShorts = { 0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF };
    private static readonly uint[] InterestingInts = { 0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x10000, 0x1000000 };
    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> pool)
    {
        var data = new List<byte>(input);
        int rounds = 1 + _random.Next(4);
        for (int round = 0; round < rounds; round++)
        {
            Apply(data, pool);
        }

        return data.ToArray();
    }

    private void Apply(List<byte> data, IReadOnlyList<byte[]> pool)
    {
        int choice = _random.Next(data.Count == 0 ? 1 : 10);
        int at = data.Count == 0 ? 0 : _random.Next(data.Count);
        switch (choice)
        {
            case 0:
                data.Insert(at, (byte)_random.Next(256));
                break;
            case 1:
                data[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 2:
                data[at] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                break;
            case 3:
                WriteBigEndian(data, at, InterestingShorts[_random.Next(InterestingShorts.Length)], 2);
                break;
            case 4:
                WriteBigEndian(data, at, InterestingInts[_random.Next(InterestingInts.Length)], 4);
                break;
            case 5:
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(32)));
                break;
            case 6:
            {
                int length = Math.Min(data.Count - at, 1 + _random.Next(64));
                data.InsertRange(_random.Next(data.Count + 1), data.GetRange(at, length));
                break;
            }

            case 7:
                data.RemoveRange(at, data.Count - at);
                break;
            case 8:
            {
                // Splice: the tail of another input after this input's head.
                byte[] other = pool[_random.Next(pool.Count)];
                int from = other.Length == 0 ? 0 : _random.Next(other.Length);
                data.RemoveRange(at, data.Count - at);
                data.AddRange(other.AsSpan(from).ToArray());
                break;
            }

            default:
                data[at] = (byte)(data[at] + _random.Next(-16, 17));
                break;
        }
    }

    private static void WriteBigEndian(List<byte> data, int at, uint value, int size)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        for (int i = 0; i < size && at + i < data.Count; i++)
        {
            data[at + i] = bytes[4 - size + i];
        }
    }
}
