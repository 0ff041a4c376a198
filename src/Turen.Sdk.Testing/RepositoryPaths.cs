using System;
using System.IO;

namespace Turen.Sdk.Testing;

/// <summary>Locates the repository root and ../shared (test vectors, design notes) from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds Turen.Sdk.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The shared folder beside the repository (design notes and test vectors); TUREN_SHARED overrides it.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("TUREN_SHARED") is { Length: > 0 } overridden
            ? overridden
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>
    /// The built assembly of a helper program under tests/tools/ (e.g. <c>Turen.Sdk.CrashWriter</c>), in the configuration
    /// and framework of the running test: a test runs from <c>bin/&lt;Configuration&gt;/&lt;tfm&gt;/</c>, and so do the helpers.
    /// </summary>
    public static string TestTool(string project)
    {
        ArgumentException.ThrowIfNullOrEmpty(project);
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Root, "tests", "tools", project, "bin", output.Parent!.Name, output.Name, project + ".dll");
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Turen.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Turen.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
