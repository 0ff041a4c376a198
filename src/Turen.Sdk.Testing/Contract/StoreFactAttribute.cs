using System;
using Xunit.Sdk;

namespace Turen.Sdk.Testing.Contract;

/// <summary>
/// A fact of a store contract suite. It runs on every backend, except that a derived test class marked with a
/// <see cref="StoreRequirementAttribute"/> (e.g. <see cref="PostgresStoreAttribute"/>) is skipped, off CI only, when
/// its backend's tool is missing: the abstract suite cannot know which backend a derived class runs it on.
/// </summary>
[XunitTestCaseDiscoverer("Turen.Sdk.Testing.Contract.StoreFactDiscoverer", "Turen.Sdk.Testing")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute
{
}
