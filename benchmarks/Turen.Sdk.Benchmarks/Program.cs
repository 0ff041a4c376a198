using BenchmarkDotNet.Running;

namespace Turen.Sdk.Benchmarks;

/// <summary>Runs the benchmarks named on the command line (BenchmarkDotNet's filter syntax, e.g. --filter *Session*).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
