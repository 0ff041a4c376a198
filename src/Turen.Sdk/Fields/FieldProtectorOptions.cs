namespace Turen.Sdk.Fields;

/// <summary>Options of a <see cref="FieldProtector"/>.</summary>
public sealed class FieldProtectorOptions
{
    /// <summary>Argon2id memory for new password hashes, in KiB (default 19,456 = 19 MiB, OWASP's minimum). At least 8.</summary>
    public int PasswordMemoryKiB { get; init; } = 19 * 1024;

    /// <summary>Argon2id passes for new password hashes (default 2). At least 1.</summary>
    public int PasswordIterations { get; init; } = 2;
}
