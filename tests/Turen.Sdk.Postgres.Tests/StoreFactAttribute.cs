namespace Turen.Sdk.Testing.Contract;

/// <summary>The contract suite's fact here: needs PostgreSQL server binaries (skipped off-CI without them).</summary>
public sealed class StoreFactAttribute : PostgresFactAttribute
{
}
