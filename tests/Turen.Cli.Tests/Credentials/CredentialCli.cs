using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Turen.Cli.Tests.Credentials;

/// <summary>Runs the built <c>turen.dll</c> as a user would, with a scratch <c>--home</c> folder deleted afterwards.</summary>
internal sealed class CredentialCli : IDisposable
{
    public CredentialCli()
    {
        Home = Path.Combine(Path.GetTempPath(), "turen-cred-cli-" + Guid.NewGuid().ToString("N")[..10]);
    }

    public string Home { get; }

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "turen.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(Home);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }
}
