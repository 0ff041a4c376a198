using System.Collections.Generic;

namespace Turen.Sdk.Storage;

/// <summary>What a migration run did.</summary>
/// <param name="PreviousVersion">The schema version before the run (0 for an empty database).</param>
/// <param name="CurrentVersion">The schema version after the run.</param>
/// <param name="Applied">The scripts this run applied, in order; empty when the schema was up to date.</param>
public sealed record SchemaMigrationResult(int PreviousVersion, int CurrentVersion, IReadOnlyList<SchemaMigration> Applied);
