using System;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Turen.Sdk.Analyzers.Config;

internal enum ConfigFileKind
{
    None,

    /// <summary>appsettings*.json, hostsettings.json, hosting.json: configuration keys.</summary>
    AppSettings,

    /// <summary>Properties/launchSettings.json: launch profiles.</summary>
    LaunchSettings,
}

/// <summary>A config file given to the compiler as an AdditionalFile, parsed once and shared by every rule.</summary>
internal sealed class ConfigFile
{
    private static readonly ConditionalWeakTable<AdditionalText, ConfigFile> Cache = new();

    private ConfigFile(ConfigFileKind kind, string path, SourceText? text, ImmutableArray<JsonEntry> entries)
    {
        Kind = kind;
        FilePath = path;
        Text = text;
        Entries = entries;
    }

    public ConfigFileKind Kind { get; }

    public string FilePath { get; }

    public SourceText? Text { get; }

    public ImmutableArray<JsonEntry> Entries { get; }

    public static ConfigFileKind Classify(string path)
    {
        string name = Path.GetFileName(path ?? string.Empty);
        if (name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFileKind.LaunchSettings;
        }

        if ((name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) ||
            name.Equals("hostsettings.json", StringComparison.OrdinalIgnoreCase) || name.Equals("hosting.json", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFileKind.AppSettings;
        }

        return ConfigFileKind.None;
    }

    /// <summary>Returns the parsed file, or null for files that are not config files.</summary>
    public static ConfigFile? Get(AdditionalText file, CancellationToken cancellationToken)
    {
        ConfigFileKind kind = Classify(file.Path);
        if (kind == ConfigFileKind.None)
        {
            return null;
        }

        return Cache.GetValue(file, f =>
        {
            SourceText? text = f.GetText(cancellationToken);
            return new ConfigFile(kind, f.Path, text, TolerantJsonReader.Read(text?.ToString()));
        });
    }

    public Location LocationOf(TextSpan span)
    {
        if (Text is null || span.End > Text.Length)
        {
            return Location.None;
        }

        return Location.Create(FilePath, span, Text.Lines.GetLinePositionSpan(span));
    }
}
