using System;

namespace Turen.Sdk.Kms;

/// <summary>Recognises the four ways to name a KMS key: key id, key ARN, alias name and alias ARN.</summary>
public static class KmsKeyIds
{
    /// <summary>True for <c>1234abcd-…</c> / <c>mrk-…</c>, <c>arn:aws:kms:…:key/…</c>, <c>alias/name</c> and <c>arn:aws:kms:…:alias/name</c>.</summary>
    public static bool IsValid(string? keyId)
    {
        if (string.IsNullOrWhiteSpace(keyId) || keyId.Length > 2048 || keyId.Trim() != keyId)
        {
            return false;
        }

        if (keyId.StartsWith("arn:", StringComparison.Ordinal))
        {
            string[] parts = keyId.Split(':', 6);
            return parts.Length == 6 && parts[1].StartsWith("aws", StringComparison.Ordinal) && parts[2] == "kms" &&
                   (parts[5].StartsWith("key/", StringComparison.Ordinal) || parts[5].StartsWith("alias/", StringComparison.Ordinal)) &&
                   parts[5].IndexOf('/', StringComparison.Ordinal) < parts[5].Length - 1;
        }

        if (keyId.StartsWith("alias/", StringComparison.Ordinal))
        {
            return keyId.Length > "alias/".Length && !keyId.StartsWith("alias/aws/", StringComparison.Ordinal);
        }

        return Guid.TryParseExact(keyId, "D", out _) || (keyId.StartsWith("mrk-", StringComparison.Ordinal) && keyId.Length == 36);
    }
}
