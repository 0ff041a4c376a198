namespace Turen.Sdk.Postgres;

/// <summary>Settings of <see cref="Microsoft.Extensions.DependencyInjection.TurenPostgresServiceCollectionExtensions.AddTurenPostgres"/>.</summary>
public sealed class TurenPostgresOptions
{
    /// <summary>The Npgsql connection string, e.g. <c>Host=db;Database=turen;Username=turen;Password=…</c>.</summary>
    public string? ConnectionString { get; set; }
}
