using System;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace Turen.Sdk.Fuzzing;

/// <summary>
/// <c>Turen.Sdk.Fuzzing TARGET</c> — the AFL++ harness (run it through <c>fuzz/run.sh</c>, which instruments Turen.Sdk);
/// <c>list</c>; <c>seeds TARGET DIR</c> — writes the generated seeds; <c>replay TARGET FILE|DIR...</c> — runs inputs
/// in-process and prints the first escaping exception (for a crash file AFL++ found).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine("usage: Turen.Sdk.Fuzzing list | seeds TARGET DIR | replay TARGET PATH... | TARGET (under afl-fuzz)");
            return 2;
        }

        switch (args[0])
        {
            case "list":
                foreach (IFuzzTarget target in FuzzTargets.All)
                {
                    Console.WriteLine($"{target.Name,-16} {target.Description}");
                }

                return 0;
            case "seeds" when args.Length == 3:
                return WriteSeeds(FuzzTargets.Get(args[1]), args[2]);
            case "replay" when args.Length >= 3:
                return Replay(FuzzTargets.Get(args[1]), args.Skip(2));
            default:
                IFuzzTarget fuzzed = FuzzTargets.Get(args[0]);
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    fuzzed.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                });
                return 0;
        }
    }

    private static int WriteSeeds(IFuzzTarget target, string directory)
    {
        Directory.CreateDirectory(directory);
        int count = 0;
        foreach (byte[] seed in target.CreateSeeds())
        {
            File.WriteAllBytes(Path.Combine(directory, $"generated-{count++:D3}"), seed);
        }

        Console.WriteLine($"{target.Name}: {count} seeds in {directory}");
        return 0;
    }

    private static int Replay(IFuzzTarget target, System.Collections.Generic.IEnumerable<string> paths)
    {
        int failures = 0;
        int count = 0;
        foreach (string file in paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : new[] { p }))
        {
            count++;
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception ex)
            {
                failures++;
                Console.WriteLine($"FAIL {file}: {ex}");
            }
        }

        Console.WriteLine($"{target.Name}: {count} inputs replayed, {failures} failed");
        return failures == 0 ? 0 : 1;
    }
}
