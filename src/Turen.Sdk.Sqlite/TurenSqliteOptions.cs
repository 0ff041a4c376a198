namespace Turen.Sdk.Sqlite;

/// <summary>Settings of <see cref="Microsoft.Extensions.DependencyInjection.TurenSqliteServiceCollectionExtensions.AddTurenSqlite"/>.</summary>
public sealed class TurenSqliteOptions
{
    /// <summary>The database file; null means <c>turen.db</c> in the Turen home folder.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>The Turen home folder used when <see cref="DatabasePath"/> is null (null: <c>TUREN_HOME</c>, else <c>~/.turen</c>).</summary>
    public string? Home { get; set; }
}
