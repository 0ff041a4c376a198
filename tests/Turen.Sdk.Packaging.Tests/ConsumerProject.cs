using System.Collections.Generic;
using System.IO;

namespace Turen.Sdk.Packaging.Tests;

/// <summary>Writes a consumer project that references the packed Turen.Sdk.</summary>
internal static class ConsumerProject
{
    public static string Create(PackageFixture package, string name, string targetFrameworks, IDictionary<string, string> files)
    {
        string directory = Path.Combine(package.Consumers, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>{targetFrameworks}</TargetFrameworks>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <!-- The rules' own findings are errors by default; obsolete-API warnings of the samples are not the subject here. -->
                <NoWarn>$(NoWarn);SYSLIB0014;SYSLIB0039;CS0618</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Turen.Sdk" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        foreach ((string relative, string content) in files)
        {
            string path = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        return directory;
    }
}
