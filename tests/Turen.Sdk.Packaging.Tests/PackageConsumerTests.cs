using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;

namespace Turen.Sdk.Packaging.Tests;

/// <summary>
/// End to end: the packed Turen.Sdk restored from a local feed into consumer projects. This is also the CI step that runs
/// `dotnet pack` for every shipped package.
/// </summary>
[Collection(PackageCollection.Name)]
public class PackageConsumerTests
{
    private static readonly string[] RuleIds = { "TUR001", "TUR002", "TUR003", "TUR004", "TUR005" };
    private readonly PackageFixture package;

    public PackageConsumerTests(PackageFixture package) => this.package = package;

    [Fact]
    public void Turen_Sdk_package_has_runtime_roslyn_components_and_props()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackagePath("Turen.Sdk"));
        string[] files = zip.Entries.Select(e => e.FullName).ToArray();
        foreach (string expected in new[]
                 {
                     "lib/net10.0/Turen.Sdk.dll", "lib/net10.0/Turen.Sdk.xml",
                     "analyzers/dotnet/roslyn4.8/cs/Turen.Sdk.Analyzers.dll", "analyzers/dotnet/roslyn4.8/cs/Turen.Sdk.CodeFixes.dll",
                     "analyzers/dotnet/roslyn4.8/cs/Turen.Sdk.Generators.dll", "buildTransitive/Turen.Sdk.props",
                 })
        {
            Assert.Contains(expected, files);
        }

        // The compiler provides Roslyn; shipping it would break loading. Nothing else sneaks in.
        Assert.DoesNotContain(files, f => f.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
        Assert.All(
            files.Where(f => f.EndsWith(".dll", StringComparison.Ordinal)),
            f => Assert.True(f.StartsWith("lib/net10.0/", StringComparison.Ordinal) || f.StartsWith("analyzers/dotnet/roslyn4.8/cs/", StringComparison.Ordinal), f));

        string nuspec = Read(zip, "Turen.Sdk.nuspec");
        Assert.DoesNotContain("Turen.Sdk.Analyzers", nuspec, StringComparison.Ordinal);
        Assert.DoesNotContain("Turen.Sdk.Generators", nuspec, StringComparison.Ordinal);
        Assert.Contains("appsettings*.json", Read(zip, "buildTransitive/Turen.Sdk.props"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Turen.Sdk.Kms")]
    [InlineData("Turen.Sdk.Postgres")]
    [InlineData("Turen.Sdk.Sqlite")]
    public void Provider_packages_are_separate_and_depend_on_Turen_Sdk(string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackagePath(id));
        string[] files = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains($"lib/net10.0/{id}.dll", files);
        Assert.DoesNotContain(files, f => f.StartsWith("analyzers/", StringComparison.Ordinal));
        Assert.Contains($"<dependency id=\"Turen.Sdk\" version=\"{package.Version}\"", Read(zip, id + ".nuspec"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_consumer_builds_on_net10()
    {
        string directory = ConsumerProject.Create(package, "Clean", "net10.0", Samples.Clean());
        (int exitCode, string output) = DotnetCli.Run(directory, "build", "-c", "Release");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("TUR00", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "bin", "Release", "net10.0", "Clean.dll")), output);
    }

    [Fact]
    public void Each_rule_fails_the_build_and_the_SARIF_log_has_the_findings_but_no_secret()
    {
        string directory = ConsumerProject.Create(package, "Violations", "net10.0", Samples.Violations());
        string sarif = Path.Combine(directory, "findings.sarif");
        (int exitCode, string output) = DotnetCli.Run(directory, "build", "-c", "Release", $"-p:ErrorLog={sarif}%2Cversion=2.1");
        Assert.NotEqual(0, exitCode);
        foreach (string id in RuleIds)
        {
            Assert.Contains($"Tur{id.Substring(3)}.cs", Lines(output, $"error {id}:"), StringComparison.Ordinal);
        }

        // Config files are AdditionalFiles through buildTransitive, with exact positions.
        Assert.Contains("appsettings.json(2,12): error TUR005", output, StringComparison.Ordinal);
        Assert.Contains("appsettings.json(3,25): error TUR002", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.ApiKeyValue, output, StringComparison.Ordinal);

        string log = File.ReadAllText(sarif);
        using JsonDocument document = JsonDocument.Parse(log);
        string[] ruleIds = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("ruleId").GetString()!).ToArray();
        foreach (string id in RuleIds)
        {
            Assert.Contains(id, ruleIds);
        }

        Assert.DoesNotContain(Samples.ApiKeyValue, log, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.ConfigPassword, log, StringComparison.Ordinal);
    }

    [Fact]
    public void Editorconfig_and_globalconfig_severity_overrides_take_effect()
    {
        var files = Samples.Violations();
        files[".editorconfig"] = """
            [*.cs]
            dotnet_diagnostic.TUR001.severity = none
            dotnet_diagnostic.TUR002.severity = none
            dotnet_diagnostic.TUR003.severity = warning
            dotnet_diagnostic.TUR004.severity = none
            dotnet_diagnostic.TUR005.severity = none
            """;
        // Findings in config files (AdditionalFiles) follow global severities, which the SDK reads from .globalconfig.
        files[".globalconfig"] = """
            is_global = true
            dotnet_diagnostic.TUR002.severity = none
            dotnet_diagnostic.TUR005.severity = none
            """;
        string directory = ConsumerProject.Create(package, "Overrides", "net10.0", files);
        (int exitCode, string output) = DotnetCli.Run(directory, "build", "-c", "Release");
        Assert.True(exitCode == 0, output);
        Assert.Contains("warning TUR003", output, StringComparison.Ordinal);
        Assert.DoesNotContain("error TUR", output, StringComparison.Ordinal);
    }

    private static string Lines(string output, string marker) =>
        string.Join('\n', output.Split('\n').Where(l => l.Contains(marker, StringComparison.Ordinal)));

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
