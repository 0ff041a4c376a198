using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Turen.Sdk.Analyzers.Config;

namespace Turen.Sdk.Fuzzing.Targets;

/// <summary>
/// The analyzers' tolerant reader of appsettings.json and launchSettings.json (AdditionalFiles). It documents that it never
/// throws; every entry it returns must point inside the text, so that diagnostics get valid locations.
/// </summary>
public sealed class AnalyzerConfigTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "analyzer-config";

    /// <inheritdoc />
    public string Description => "TolerantJsonReader.Read (linked from the analyzers); nothing may escape; entry spans inside the text.";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        ImmutableArray<JsonEntry> entries = TolerantJsonReader.Read(text);
        foreach (JsonEntry entry in entries)
        {
            if (entry.Span.Start < 0 || entry.Span.End > text.Length)
            {
                throw new FuzzPropertyException($"Entry span {entry.Span} lies outside the text (length {text.Length}).");
            }

            if (entry.Value is null || entry.Path.IsDefault)
            {
                throw new FuzzPropertyException("An entry has no value or no path.");
            }

            _ = entry.Key;
            var inner = entry.SpanOf(0, Math.Min(1, entry.Value.Length));
            if (inner.Start < 0 || inner.End > text.Length)
            {
                throw new FuzzPropertyException($"SpanOf returned {inner} outside the text (length {text.Length}).");
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<byte[]> CreateSeeds()
    {
        string[] seeds =
        {
            "{\n  // comment\n  \"ConnectionStrings\": { \"Db\": \"Host=db;Password=hunter2\" },\n  \"Kestrel\": { \"Endpoints\": { \"Http\": { \"Url\": \"http://0.0.0.0:5000\" } } },\n}",
            "{ \"profiles\": { \"web\": { \"commandName\": \"Project\", \"applicationUrl\": \"https://localhost:5001;http://*:5000\", \"environmentVariables\": { \"API_KEY\": \"ak_live_x\" } } } }",
            "{ 'single': 'quoted', \"arr\": [1, 2.5e3, true, false, null, [\"x\", {\"y\": \"\\u0041\\n\"}]], /* block */ \"t\": \"\\\"\" }",
            "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":\"deep\"}}}}}}",
        };
        foreach (string seed in seeds)
        {
            yield return Encoding.UTF8.GetBytes(seed);
        }
    }
}
