using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace Turen.Sdk.Analyzers.Tests.Infrastructure;

/// <summary>
/// Reference assemblies for test compilations, taken from the targeting packs of the installed SDK (the same ones a build
/// uses), so tests never download anything at run time. ASP.NET Core is included for the Kestrel and WebApplication APIs.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Lazy = new(Load);

    public static ImmutableArray<MetadataReference> All => Lazy.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/ → .../dotnet
        string runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (string pack in new[] { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" })
        {
            string? directory = RefDirectory(dotnetRoot, pack) ?? SharedDirectory(dotnetRoot, pack);
            if (directory is null)
            {
                throw new InvalidOperationException($"No reference assemblies for {pack} under {dotnetRoot}.");
            }

            foreach (string dll in Directory.GetFiles(directory, "*.dll"))
            {
                if (pack == "Microsoft.AspNetCore.App" || !dll.Contains("Native", StringComparison.Ordinal))
                {
                    builder.Add(MetadataReference.CreateFromFile(dll));
                }
            }
        }

        return builder.ToImmutable();
    }

    private static string? RefDirectory(string root, string pack)
    {
        string packs = Path.Combine(root, "packs", pack + ".Ref");
        if (!Directory.Exists(packs))
        {
            return null;
        }

        string? version = Directory.GetDirectories(packs).OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out Version? v) ? v : new Version()).FirstOrDefault();
        string? framework = version is null ? null : Directory.GetDirectories(Path.Combine(version, "ref")).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
        return framework;
    }

    private static string? SharedDirectory(string root, string pack)
    {
        string shared = Path.Combine(root, "shared", pack);
        return Directory.Exists(shared)
            ? Directory.GetDirectories(shared).OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out Version? v) ? v : new Version()).FirstOrDefault()
            : null;
    }
}
