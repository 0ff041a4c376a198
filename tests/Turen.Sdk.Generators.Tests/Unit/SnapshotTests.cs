using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Tests.Infrastructure;

namespace Turen.Sdk.Generators.Tests.Unit;

/// <summary>A few representative generated files, kept as snapshots so a change to the emitted code is reviewed.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void AgentRecord()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(Sources.AgentRecord);
        Snapshot.Verify(result, nameof(SnapshotTests));
    }

    [Fact]
    public void NestedTypesAndCollections()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(Sources.Collections);
        Snapshot.Verify(result, nameof(SnapshotTests));
    }

    [Fact]
    public void Diagnostics()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(
            "using Turen.Sdk.Annotations; public record NotPartial { [Encrypted, Hashed] public string? Both { get; init; } [EncryptionContext] public double Ratio { get; init; } }");
        Snapshot.Verify(result, nameof(SnapshotTests));
    }
}
