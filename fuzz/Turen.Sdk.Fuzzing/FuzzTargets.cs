using System;
using System.Collections.Generic;
using System.Linq;
using Turen.Sdk.Fuzzing.Targets;

namespace Turen.Sdk.Fuzzing;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    /// <summary>All targets, in the order <c>fuzz/run.sh all</c> runs them.</summary>
    public static IReadOnlyList<IFuzzTarget> All { get; } = new IFuzzTarget[]
    {
        new SessionMessageTarget(),
        new SessionHeaderTarget(),
        new FieldValueTarget(),
        new HashStringTarget(),
        new SecretTokenTarget(),
        new AgentStateFileTarget(),
        new AnalyzerConfigTarget(),
    };

    /// <summary>The target called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No target has that name.</exception>
    public static IFuzzTarget Get(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"Unknown fuzz target '{name}'. Known: {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));
}
