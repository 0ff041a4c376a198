using System;
using System.Text.Json;
using Turen.Sdk.Fields;

namespace Turen.Sdk.Benchmarks.Fields;

/// <summary>Prints bytes allocated per write and per read (exact, single-threaded) for the benchmark model: the quick check of the allocation target.</summary>
public static class FieldAllocationReport
{
    public static void Print()
    {
        var benchmarks = new FieldSerializerBenchmarks();
        benchmarks.Setup();
        AgentRecord record = benchmarks.Record;
        PlainAgentRecord plain = benchmarks.Plain;
        FieldProtector protector = benchmarks.Protector;

        string turenJson = TurenSerializer.Serialize(record, protector);
        string plainJson = JsonSerializer.Serialize(plain, BenchmarkJsonContext.Default.PlainAgentRecord);
        long turenWrite = Measure(() => TurenSerializer.Serialize(record, protector));
        long turenRead = Measure(() => TurenSerializer.Deserialize<AgentRecord>(turenJson, protector));
        long stjWrite = Measure(() => JsonSerializer.Serialize(plain, BenchmarkJsonContext.Default.PlainAgentRecord));
        long stjRead = Measure(() => JsonSerializer.Deserialize(plainJson, BenchmarkJsonContext.Default.PlainAgentRecord));

        // What the protected members add as text: the stored strings minus the plain values they replace.
        using JsonDocument stored = JsonDocument.Parse(turenJson);
        long ciphertextStrings = 0;
        foreach (string member in new[] { "AgentSecret", "RefreshToken", "DeviceKey" })
        {
            ciphertextStrings += StringSize(stored.RootElement.GetProperty(member).GetString()!.Length);
        }

        Console.WriteLine($"Turen write {turenWrite} B, read {turenRead} B, total {turenWrite + turenRead} B");
        Console.WriteLine($"System.Text.Json (unprotected) write {stjWrite} B, read {stjRead} B, total {stjWrite + stjRead} B");
        Console.WriteLine($"ciphertext and hash strings (3 stored values as strings): {ciphertextStrings} B; budget = STJ + these = {stjWrite + stjRead + ciphertextStrings} B");
        // Round trips, the four variants alternating in short rounds so that load drifts on a shared machine hit all alike.
        var variants = new (string Name, Func<object?> Run)[]
        {
            ("Turen generated", benchmarks.Turen),
            ("Hand-written BCL", benchmarks.HandWritten),
            ("Data Protection per field", benchmarks.DataProtection),
            ("System.Text.Json, unprotected", benchmarks.SystemTextJson),
        };
        var ticks = new long[variants.Length];
        for (int round = 0; round < 40; round++)
        {
            for (int i = 0; i < variants.Length; i++)
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                for (int n = 0; n < 100; n++)
                {
                    variants[i].Run();
                }

                if (round >= 5)
                {
                    ticks[i] += System.Diagnostics.Stopwatch.GetTimestamp() - start;
                }
            }
        }

        for (int i = 0; i < variants.Length; i++)
        {
            double micros = ticks[i] * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency / (35 * 100);
            Console.WriteLine($"{variants[i].Name,-32} {micros,8:F1} us per round trip ({micros / (ticks[0] * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency / (35 * 100)):F2}x Turen)");
        }

        benchmarks.Cleanup();
    }

    private static long StringSize(int length) => ((22 + (2L * length)) + 7) & ~7L;

    private static long Measure(Func<object?> action)
    {
        for (int i = 0; i < 100; i++)
        {
            action();
        }

        const int Runs = 1000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Runs; i++)
        {
            action();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Runs;
    }
}
