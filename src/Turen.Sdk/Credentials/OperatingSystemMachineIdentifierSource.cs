using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.Versioning;
using Microsoft.Win32;

namespace Turen.Sdk.Credentials;

/// <summary>
/// Reads the operating system's machine identifier: <c>/etc/machine-id</c> (or <c>/var/lib/dbus/machine-id</c>) on Linux,
/// IOPlatformUUID on macOS, <c>HKLM\SOFTWARE\Microsoft\Cryptography\MachineGuid</c> on Windows.
/// </summary>
public sealed class OperatingSystemMachineIdentifierSource : IMachineIdentifierSource
{
    private static readonly string[] LinuxMachineIdPaths = { "/etc/machine-id", "/var/lib/dbus/machine-id" };

    /// <summary>The shared instance.</summary>
    public static OperatingSystemMachineIdentifierSource Instance { get; } = new();

    /// <inheritdoc />
    public string GetMachineIdentifier()
    {
        string? id = null;
        if (OperatingSystem.IsWindows())
        {
            id = "windows:" + ReadMachineGuid();
        }
        else if (OperatingSystem.IsMacOS())
        {
            id = "macos:" + ReadPlatformUuid();
        }
        else
        {
            foreach (string path in LinuxMachineIdPaths)
            {
                string? value = File.Exists(path) ? File.ReadAllText(path).Trim() : null;
                if (!string.IsNullOrEmpty(value))
                {
                    id = "linux:" + value;
                    break;
                }
            }
        }

        if (id is null || id.EndsWith(':'))
        {
            throw new MachineIdentityUnavailableException(
                "This machine has no identifier (looked for /etc/machine-id, /var/lib/dbus/machine-id, IOPlatformUUID, MachineGuid). " +
                "In a container, mount the host's /etc/machine-id or create one with `systemd-machine-id-setup`.");
        }

        return id;
    }

    [SupportedOSPlatform("windows")]
    private static string? ReadMachineGuid()
    {
        // The 64-bit view: a 32-bit process would otherwise read the WOW6432Node copy, which may be absent.
        using RegistryKey hive = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry64);
        using RegistryKey? key = hive.OpenSubKey(@"SOFTWARE\Microsoft\Cryptography");
        return key?.GetValue("MachineGuid") as string;
    }

    private static string? ReadPlatformUuid()
    {
        var start = new ProcessStartInfo("/usr/sbin/ioreg", "-rd1 -c IOPlatformExpertDevice")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process? process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        foreach (string line in output.Split('\n'))
        {
            int at = line.IndexOf("\"IOPlatformUUID\"", StringComparison.Ordinal);
            if (at >= 0)
            {
                string[] parts = line.Substring(at).Split('"');
                // "IOPlatformUUID" = "XXXXXXXX-..." splits into ["", IOPlatformUUID, " = ", value, ""].
                return parts.Length >= 4 ? parts[3] : null;
            }
        }

        return null;
    }
}
