using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Turen.Sdk.Benchmarks.Envelope;

/// <summary>A few iterations only: the machine is shared, so figures are indicative (see benchmarks/README.md).</summary>
internal sealed class ShortConfig : ManualConfig
{
    public ShortConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithId("short"));
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
