using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Turen.Sdk.Benchmarks.Fields;

/// <summary>
/// Enough iterations to rank variants on a shared machine, in process like the other store-free benchmarks, with median
/// and minimum beside the mean. Jobs given on the command line (<c>--job short</c> in benchmarks/report.sh) are filtered
/// out: three iterations are too few here. Data Protection allocates heavily, so its time swings with the GC's state
/// (a short job gave 70 µs in one run and 117 µs in another); a 100 ms, allocation-heavy generator run is no steadier.
/// </summary>
internal class SteadyStateConfig : ManualConfig
{
    private const string JobId = "steady-state";

    public SteadyStateConfig()
        : this(Job.Default.WithIterationCount(25))
    {
    }

    protected SteadyStateConfig(Job job)
    {
        AddJob(job
            .WithLaunchCount(1)
            .WithWarmupCount(10)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(JobId));
        AddFilter(new SimpleFilter(benchmark => benchmark.Job.Id == JobId));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }

    /// <summary>Each iteration is exactly one (long) run, so every sample is one whole operation.</summary>
    internal sealed class OneRunPerIteration : SteadyStateConfig
    {
        public OneRunPerIteration()
            : base(Job.Default.WithIterationCount(20).WithInvocationCount(1).WithUnrollFactor(1))
        {
        }
    }
}
