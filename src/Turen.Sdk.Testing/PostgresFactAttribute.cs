namespace Turen.Sdk.Testing;

/// <summary>A fact that needs PostgreSQL server binaries to start a <see cref="PostgresTestServer"/>; skipped off-CI without them.</summary>
public class PostgresFactAttribute : IntegrationFactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public PostgresFactAttribute()
        : base(PostgresTestServer.UnavailableReason)
    {
    }
}
