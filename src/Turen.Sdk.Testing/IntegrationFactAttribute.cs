using System;

namespace Turen.Sdk.Testing;

/// <summary>
/// A fact that needs an external tool (a PostgreSQL server, Node.js and npm, ...). On a developer machine that lacks the
/// tool the test is skipped with the reason; under <c>CI=true</c> it is never skipped, so a missing tool fails CI.
/// </summary>
/// <remarks>
/// Derive one attribute per tool and pass a probe that returns <see langword="null"/> when the tool is usable or a
/// reason when it is not. xunit evaluates <see cref="Xunit.FactAttribute.Skip"/> at discovery time.
/// </remarks>
public abstract class IntegrationFactAttribute : FactAttribute
{
    /// <param name="unavailableReason">Null when the tool is usable; otherwise why it is not.</param>
    protected IntegrationFactAttribute(Func<string?> unavailableReason)
    {
        Skip = SkipReason(unavailableReason);
    }

    /// <summary>
    /// Why a test that needs the probed tool is skipped here: the probe's reason, or <see langword="null"/> when the tool
    /// is usable or when running in CI (where a missing tool must fail).
    /// </summary>
    public static string? SkipReason(Func<string?> unavailableReason)
    {
        ArgumentNullException.ThrowIfNull(unavailableReason);
        return IsCi ? null : unavailableReason();
    }

    /// <summary>True when running in CI, where every integration test must run.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
