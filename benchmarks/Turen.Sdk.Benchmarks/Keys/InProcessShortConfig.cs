using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Turen.Sdk.Benchmarks.Keys;

/// <summary>
/// A few iterations, run in process: on the shared machine a separate benchmark build can exceed BenchmarkDotNet's build
/// timeout, and these benchmarks measure microseconds to milliseconds, which in-process runs report faithfully.
/// Figures are indicative.
/// </summary>
internal sealed class InProcessShortConfig : ManualConfig
{
    public InProcessShortConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance).WithId("short-inprocess"));
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
