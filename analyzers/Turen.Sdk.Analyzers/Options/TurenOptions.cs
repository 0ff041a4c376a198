using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Turen.Sdk.Analyzers.Text;

namespace Turen.Sdk.Analyzers.Options;

/// <summary>
/// The .editorconfig options of the analyzers (severity is the standard dotnet_diagnostic.TURnnn.severity):
/// <c>turen_analyzers.tur001.additional_secret_words = pin, otp, license key</c> adds secret nouns to TUR001 and TUR002;
/// <c>turen_analyzers.tur003.allowed_hosts = legacy.internal.example, *.svc.cluster.local</c> lets TUR003 accept http to those hosts.
/// </summary>
internal sealed class TurenOptions
{
    public const string AdditionalSecretWordsKey = "turen_analyzers.tur001.additional_secret_words";
    public const string AllowedHostsKey = "turen_analyzers.tur003.allowed_hosts";

    // Parsed once per distinct option value, not once per file.
    private readonly ConcurrentDictionary<string, SecretNouns> nounsByValue = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> hostsByValue = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SyntaxTree, SecretNouns> nounsByTree = new();
    private readonly AnalyzerConfigOptionsProvider provider;

    public TurenOptions(AnalyzerOptions options) => provider = options.AnalyzerConfigOptionsProvider;

    public SecretNouns NounsFor(SyntaxTree tree) => nounsByTree.GetOrAdd(tree, t => Nouns(provider.GetOptions(t)));

    public SecretNouns NounsFor(AdditionalText file) => Nouns(provider.GetOptions(file));

    public bool IsAllowedHost(SyntaxTree tree, string host) => IsAllowed(Hosts(provider.GetOptions(tree)), host);

    public bool IsAllowedHost(AdditionalText file, string host) => IsAllowed(Hosts(provider.GetOptions(file)), host);

    private SecretNouns Nouns(AnalyzerConfigOptions options)
    {
        if ((!options.TryGetValue(AdditionalSecretWordsKey, out string? value) &&
             !provider.GlobalOptions.TryGetValue(AdditionalSecretWordsKey, out value)) || string.IsNullOrWhiteSpace(value))
        {
            return SecretNouns.Default;
        }

        return nounsByValue.GetOrAdd(value!, SecretNouns.FromOption);
    }

    private ImmutableArray<string> Hosts(AnalyzerConfigOptions options)
    {
        if ((!options.TryGetValue(AllowedHostsKey, out string? value) &&
             !provider.GlobalOptions.TryGetValue(AllowedHostsKey, out value)) || string.IsNullOrWhiteSpace(value))
        {
            return ImmutableArray<string>.Empty;
        }

        return hostsByValue.GetOrAdd(value!, v =>
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (string part in v.Split(','))
            {
                string host = part.Trim().ToLowerInvariant();
                if (host.Length > 0)
                {
                    builder.Add(host);
                }
            }

            return builder.ToImmutable();
        });
    }

    private static bool IsAllowed(ImmutableArray<string> allowed, string host)
    {
        foreach (string entry in allowed)
        {
            if (entry == host ||
                (entry.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(entry.Substring(1), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
