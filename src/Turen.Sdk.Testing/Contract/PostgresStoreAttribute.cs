namespace Turen.Sdk.Testing.Contract;

/// <summary>The backend is a <see cref="PostgresTestServer"/>: its store facts need PostgreSQL server binaries.</summary>
public sealed class PostgresStoreAttribute : StoreRequirementAttribute
{
    /// <inheritdoc />
    public override string? UnavailableReason() => PostgresTestServer.UnavailableReason();
}
