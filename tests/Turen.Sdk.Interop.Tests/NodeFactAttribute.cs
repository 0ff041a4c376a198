using System;
using System.Diagnostics;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Interop.Tests;

/// <summary>A fact that needs Node.js and npm (the JS AWS Encryption SDK peer); skipped off-CI when they are missing.</summary>
public sealed class NodeFactAttribute : IntegrationFactAttribute
{
    public NodeFactAttribute()
        : base(Probe)
    {
    }

    private static string? Probe()
    {
        foreach (string tool in new[] { "node", "npm" })
        {
            try
            {
                using Process? p = Process.Start(new ProcessStartInfo(tool, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
                if (p is null || !p.WaitForExit(30_000) || p.ExitCode != 0)
                {
                    return tool + " is not usable";
                }
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                return tool + " is not installed";
            }
        }

        return null;
    }
}
