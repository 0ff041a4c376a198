using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace Turen.Sdk.Benchmarks.Envelope;

/// <summary>
/// The quick same-run comparison behind <c>blob-throughput</c>: each round times the raw AES-GCM baselines and our
/// seal/open one after another, so load drifts on a shared machine hit both alike; prints medians and the ratio of
/// throughput (raw time ÷ ours): of the medians, of the minima (the runs least disturbed by other processes) and per round.
/// The cpu column is the median processor time of the whole process (all threads) per operation.
/// </summary>
/// <remarks>
/// The two "+ copy" rows are extra, not baselines: raw AES-GCM that also copies each 64 KiB chunk from the source into
/// a working buffer first, which is the least any Stream-based API must do (Stream.Read copies). They show how much of
/// the gap is that copy rather than our code.
/// </remarks>
internal static class SessionBlobThroughput
{
    public static async Task PrintAsync(IReadOnlyList<string> args)
    {
        int rounds = args.Count > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 7;
        long[] sizes = args.Count > 1
            ? args.Skip(1).Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture) << 20).ToArray()
            : new[] { 64L << 20, 1L << 30 };
        foreach (long size in sizes)
        {
            await RunAsync(size, rounds).ConfigureAwait(false);
        }
    }

    private static async Task RunAsync(long size, int rounds)
    {
        var benchmark = new SessionBlobBenchmarks { Size = size };
        await benchmark.Setup().ConfigureAwait(false);
        try
        {
            var cases = new (string Name, Func<Task> Run)[]
            {
                ("raw encrypt", () => { benchmark.RawAesGcmEncrypt(); return Task.CompletedTask; }),
                ("seal", benchmark.Seal),
                ("raw decrypt", () => { benchmark.RawAesGcmDecrypt(); return Task.CompletedTask; }),
                ("open in-memory", benchmark.Open),
                ("open opaque stream", benchmark.OpenFromStream),
                ("raw encrypt + copy", () => { benchmark.RawAesGcmEncryptWithCopy(); return Task.CompletedTask; }),
                ("raw decrypt + copy", () => { benchmark.RawAesGcmDecryptWithCopy(); return Task.CompletedTask; }),
                ("seal, 2 lanes", benchmark.SealTwoLanes),
                ("open opaque, 2 lanes", benchmark.OpenFromStreamTwoLanes),
            };
            var times = cases.Select(_ => new List<double>()).ToArray();
            var cpu = cases.Select(_ => new List<double>()).ToArray();
            var allocated = new long[cases.Length];
            using var process = Process.GetCurrentProcess();

            // Warm-up (JIT, pool, page faults), then alternate.
            foreach ((string _, Func<Task> run) in cases)
            {
                await run().ConfigureAwait(false);
            }

            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < cases.Length; i++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    long before = GC.GetTotalAllocatedBytes(precise: true);
                    process.Refresh();
                    TimeSpan cpuBefore = process.TotalProcessorTime;
                    long start = Stopwatch.GetTimestamp();
                    await cases[i].Run().ConfigureAwait(false);
                    times[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    process.Refresh();
                    cpu[i].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                    allocated[i] = GC.GetTotalAllocatedBytes(precise: true) - before;
                }
            }

            Console.WriteLine($"== {size >> 20} MiB, {rounds} rounds (indicative: shared 2-core machine)");
            for (int i = 0; i < cases.Length; i++)
            {
                double median = Median(times[i]);
                double gibPerSecond = size / (median / 1000.0) / (1L << 30);
                Console.WriteLine($"{cases[i].Name,-20} median {median,9:F1} ms  {gibPerSecond,5:F2} GiB/s  min {times[i].Min(),9:F1} ms  cpu {Median(cpu[i]),9:F1} ms  alloc {allocated[i],9:N0} B");
            }

            PrintRatio("seal", times, 0, 1);
            PrintRatio("open in-memory", times, 2, 3);
            PrintRatio("open opaque stream", times, 2, 4);
            PrintRatio("seal vs raw+copy", times, 5, 1);
            PrintRatio("opaque vs raw+copy", times, 6, 4);
            PrintRatio("seal, 2 lanes", times, 0, 7);
            PrintRatio("opaque, 2 lanes", times, 2, 8);
        }
        finally
        {
            benchmark.Cleanup();
        }
    }

    private static void PrintRatio(string name, List<double>[] times, int raw, int ours)
    {
        var perRound = times[raw].Zip(times[ours], (r, o) => r / o).ToList();
        Console.WriteLine(
            $"ratio {name,-20} of medians {Median(times[raw]) / Median(times[ours]):F2}  of minima {times[raw].Min() / times[ours].Min():F2}  per-round median {Median(perRound):F2}  range {perRound.Min():F2}–{perRound.Max():F2}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
