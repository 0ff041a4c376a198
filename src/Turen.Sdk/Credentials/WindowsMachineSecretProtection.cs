using System;
using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace Turen.Sdk.Credentials;

/// <summary>On Windows the machine secret file holds a DPAPI blob (current user), so only this user on this machine opens it.</summary>
[SupportedOSPlatform("windows")]
internal static class WindowsMachineSecretProtection
{
    private static readonly byte[] Entropy = "turen/agent-state/machine-secret"u8.ToArray();

    public static byte[] Protect(byte[] secret) => ProtectedData.Protect(secret, Entropy, DataProtectionScope.CurrentUser);

    public static byte[] Unprotect(byte[] blob)
    {
        try
        {
            return ProtectedData.Unprotect(blob, Entropy, DataProtectionScope.CurrentUser);
        }
        catch (CryptographicException ex)
        {
            throw new MachineMismatchException(
                "Machine mismatch: the machine secret was protected by DPAPI for another user or machine.", ex);
        }
    }
}
