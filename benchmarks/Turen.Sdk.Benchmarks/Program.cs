using BenchmarkDotNet.Running;

namespace Turen.Sdk.Benchmarks;

/// <summary>Runs the benchmarks named on the command line (BenchmarkDotNet's filter syntax, e.g. --filter *Session*).</summary>
/// <remarks>
/// <c>generator-cost</c> prints a quick timed comparison of the field generator and System.Text.Json's instead;
/// <c>blob-throughput [rounds] [MiB...]</c> alternates raw AES-GCM and session-blob seal/open and prints medians and ratios;
/// <c>field-allocations</c> prints exact bytes allocated per field-serializer write and read.
/// </remarks>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["blob-throughput", .. var rest])
        {
            Envelope.SessionBlobThroughput.PrintAsync(rest).GetAwaiter().GetResult();
            return;
        }

        if (args is ["generator-cost"])
        {
            Fields.GeneratorCostBenchmarks.PrintFigures();
            return;
        }

        if (args is ["field-allocations"])
        {
            Fields.FieldAllocationReport.Print();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
