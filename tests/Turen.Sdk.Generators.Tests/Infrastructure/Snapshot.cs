using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Generators.Tests.Infrastructure;

/// <summary>
/// A small snapshot helper in Verify's file conventions, so switching to Verify later is mechanical:
/// <c>_snapshots/{Class}.{Method}#{Hint}.verified.cs</c> (first line <c>//HintName: …</c>, LF, no final newline) and
/// diagnostics in <c>{Class}.{Method}.verified.txt</c>. On a mismatch it writes <c>*.received.*</c> beside and fails;
/// set <c>TUREN_ACCEPT_SNAPSHOTS=1</c> to accept.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "TUREN_ACCEPT_SNAPSHOTS";

    public static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "Turen.Sdk.Generators.Tests", "_snapshots");

    public static void Verify(GeneratorDriverRunResult result, string className, [CallerMemberName] string methodName = "")
    {
        foreach (GeneratedSourceResult source in result.Results.SelectMany(r => r.GeneratedSources).OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            string hint = source.HintName.EndsWith(".cs", StringComparison.Ordinal) ? source.HintName[..^3] : source.HintName;
            string text = $"//HintName: {source.HintName}\n" + source.SourceText.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
            Compare($"{className}.{methodName}#{hint}", ".cs", text);
        }

        Diagnostic[] diagnostics = result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToArray();
        if (diagnostics.Length > 0)
        {
            var builder = new StringBuilder();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                builder.Append(diagnostic.Id).Append(' ').Append(diagnostic.Location.GetLineSpan().Span.ToString()).Append(": ")
                    .Append(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }

            Compare($"{className}.{methodName}", ".txt", builder.ToString().TrimEnd('\n'));
        }
    }

    private static void Compare(string name, string extension, string actual)
    {
        string verified = Path.Combine(Directory, name + ".verified" + extension);
        string received = Path.Combine(Directory, name + ".received" + extension);
        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(received, actual);
        Assert.Fail($"Snapshot {name}{extension} differs from {verified}; see {received}. Set {AcceptVariable}=1 to accept.");
    }
}
