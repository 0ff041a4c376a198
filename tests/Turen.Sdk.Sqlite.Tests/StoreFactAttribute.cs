namespace Turen.Sdk.Testing.Contract;

/// <summary>The contract suite's fact: SQLite is embedded, so it always runs.</summary>
public sealed class StoreFactAttribute : FactAttribute
{
}
