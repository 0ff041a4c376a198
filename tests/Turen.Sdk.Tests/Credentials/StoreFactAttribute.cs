namespace Turen.Sdk.Testing.Contract;

/// <summary>The store contract suite's fact here: the in-memory store needs nothing, so it always runs.</summary>
public sealed class StoreFactAttribute : FactAttribute
{
}
