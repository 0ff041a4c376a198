using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Turen.Cli.Tests;

/// <summary>Runs the built <c>turen.dll</c> in a child process, as a user would, with bytes on stdin.</summary>
internal static class CliRunner
{
    private static readonly string TurenDll = Path.Combine(AppContext.BaseDirectory, "turen.dll");

    public static async Task<(int ExitCode, byte[] Stdout, string Stderr)> RunAsync(byte[]? stdin, string? workingDirectory, params string[] args)
    {
        using Process process = Process.Start(StartInfo(workingDirectory, args))!;
        var stdout = new MemoryStream();
        Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> readErr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await Task.WhenAll(copyOut, readErr, process.WaitForExitAsync());
        return (process.ExitCode, stdout.ToArray(), await readErr);
    }

    /// <summary>How <see cref="RunAsync"/> starts <c>turen</c>, for tests that manage the process themselves.</summary>
    public static ProcessStartInfo StartInfo(string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(TurenDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TUREN_HOME"] = Path.Combine(Path.GetTempPath(), "turen-cli-tests-home-unused");
        return start;
    }
}

/// <summary>A scratch folder deleted after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "turen-cli-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
