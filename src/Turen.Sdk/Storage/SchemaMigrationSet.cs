using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Turen.Sdk.Storage;

/// <summary>
/// The ordered schema scripts of one database dialect, read from embedded resources named <c>…Schema.NNNN_name.sql</c>.
/// A store project embeds its <c>Schema/*.sql</c> files; adding a table means adding the next numbered script.
/// </summary>
public sealed class SchemaMigrationSet
{
    private SchemaMigrationSet(IReadOnlyList<SchemaMigration> migrations) => Migrations = migrations;

    /// <summary>The scripts, ascending by version.</summary>
    public IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>The highest version, i.e. the schema version after every script has run.</summary>
    public int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    /// <summary>Builds a set from scripts; versions must run 1, 2, 3… without gaps or repeats.</summary>
    /// <exception cref="ArgumentException">The numbering has a gap or a repeat.</exception>
    public static SchemaMigrationSet Create(IEnumerable<SchemaMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        SchemaMigration[] ordered = migrations.OrderBy(m => m.Version).ToArray();
        for (int i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Version != i + 1)
            {
                throw new ArgumentException($"Schema scripts must be numbered 1..n without gaps; found {ordered[i].Version} at position {i + 1}.", nameof(migrations));
            }
        }

        return new SchemaMigrationSet(ordered);
    }

    /// <summary>Reads every embedded resource of <paramref name="assembly"/> whose name contains <c>.Schema.</c> and ends in <c>.sql</c>.</summary>
    public static SchemaMigrationSet FromEmbeddedScripts(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var migrations = new List<SchemaMigration>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            int marker = resource.LastIndexOf(".Schema.", StringComparison.Ordinal);
            if (marker < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            string fileName = resource[(marker + ".Schema.".Length)..^".sql".Length];
            int underscore = fileName.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(fileName.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                throw new InvalidDataException($"Schema script '{resource}' is not named NNNN_name.sql.");
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidDataException($"Schema script '{resource}' cannot be read.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(new SchemaMigration(version, fileName[(underscore + 1)..], reader.ReadToEnd()));
        }

        return Create(migrations);
    }
}
