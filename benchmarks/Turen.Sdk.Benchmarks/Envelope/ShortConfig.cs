using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Turen.Sdk.Benchmarks.Envelope;

/// <summary>A few iterations only: the machine is shared, so figures are indicative (see benchmarks/README.md).</summary>
internal sealed class ShortConfig : ManualConfig
{
    public ShortConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10).WithId("short"));
        // On a shared machine the minimum is the figure least disturbed by other processes.
        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
