using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Interop.Tests;

/// <summary>
/// The JS ESDK peer (<c>@aws-crypto/client-node</c> 5.x, pinned by js/package-lock.json): installs it with
/// <c>npm ci</c> once per test run, then runs js/seal.js and js/open.js with bytes on stdin.
/// </summary>
internal static class JsPeer
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "Turen.Sdk.Interop.Tests", "js");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    public static async Task<byte[]> SealAsync(byte[] plaintext, byte[] key, string ns, string name, int frameLength, IEnumerable<KeyValuePair<string, string>> context, bool signed = false)
    {
        var args = new List<string> { "seal.js", "--key-b64", Convert.ToBase64String(key), "--namespace", ns, "--name", name, "--frame-length", frameLength.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var pair in context)
        {
            args.Add("--ctx");
            args.Add(pair.Key + "=" + pair.Value);
        }

        if (signed)
        {
            args.Add("--signed");
        }

        (int exit, byte[] stdout, string stderr) = await RunAsync(plaintext, args);
        Assert.True(exit == 0, "seal.js failed: " + stderr);
        return stdout;
    }

    /// <summary>Returns the plaintext, or null when the JS ESDK refused the blob.</summary>
    public static async Task<byte[]?> TryOpenAsync(byte[] blob, byte[] key, string ns, string name, IEnumerable<KeyValuePair<string, string>>? expectedContext = null)
    {
        var args = new List<string> { "open.js", "--key-b64", Convert.ToBase64String(key), "--namespace", ns, "--name", name };
        foreach (var pair in expectedContext ?? Array.Empty<KeyValuePair<string, string>>())
        {
            args.Add("--ctx");
            args.Add(pair.Key + "=" + pair.Value);
        }

        (int exit, byte[] stdout, _) = await RunAsync(blob, args);
        return exit == 0 ? stdout : null;
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (_installed)
            {
                return;
            }

            (int exit, _, string stderr) = await RunProcessAsync("npm", Array.Empty<byte>(), new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" });
            Assert.True(exit == 0, "npm ci failed: " + stderr);
            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int, byte[], string)> RunAsync(byte[] stdin, IReadOnlyList<string> args)
    {
        await EnsureInstalledAsync();
        return await RunProcessAsync("node", stdin, args);
    }

    private static async Task<(int, byte[], string)> RunProcessAsync(string tool, byte[] stdin, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        var stdout = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> err = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        await Task.WhenAll(copy, err, process.WaitForExitAsync());
        return (process.ExitCode, stdout.ToArray(), await err);
    }
}
