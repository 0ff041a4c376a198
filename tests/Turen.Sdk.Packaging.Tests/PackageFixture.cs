using System;
using System.IO;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Packaging.Tests;

/// <summary>
/// Packs Turen.Sdk and its provider packages (Kms, Postgres, Sqlite) once, with a version unique to this run, into a local feed, and
/// writes a nuget.config that offers that feed beside nuget.org. Bin/obj go to a private artifacts folder, so a
/// concurrent build of the repository is never disturbed. The unique version is removed from the global packages folder
/// afterwards.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public static readonly string[] PackedProjects = { "Turen.Sdk", "Turen.Sdk.Kms", "Turen.Sdk.Postgres", "Turen.Sdk.Sqlite" };

    public PackageFixture()
    {
        Version = $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Root = Path.Combine(Path.GetTempPath(), "turen-packaging-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Consumers = Path.Combine(Root, "consumers");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Consumers);

        foreach (string project in PackedProjects)
        {
            (int exitCode, string output) = DotnetCli.Run(
                RepositoryPaths.Root,
                "pack", Path.Combine("src", project, project + ".csproj"),
                "-c", "Release",
                "-o", Feed,
                "--artifacts-path", Path.Combine(Root, "artifacts"),
                "-p:Version=" + Version);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed:\n{output}");
            }
        }

        File.WriteAllText(Path.Combine(Consumers, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="turen-local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        // An empty root .editorconfig/.globalconfig boundary: the consumer sees only what each test writes.
        File.WriteAllText(Path.Combine(Consumers, ".editorconfig"), "root = true\n");
    }

    public string Version { get; }

    public string Root { get; }

    public string Feed { get; }

    public string Consumers { get; }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public void Dispose()
    {
        TryDelete(Root);
        string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in PackedProjects)
        {
            TryDelete(Path.Combine(globalPackages, id.ToLowerInvariant(), Version));
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the unique version keeps runs apart.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Packed Turen.Sdk";
}
