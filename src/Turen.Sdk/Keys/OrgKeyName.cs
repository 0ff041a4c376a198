using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Turen.Sdk.Keys;

/// <summary>
/// The key name an org-wrapped session blob carries in its encrypted data key: <c>org/{orgId}/v{version}</c> under the
/// provider id (key namespace) <see cref="Namespace"/>. Opening a blob parses it to find the org and DEK version.
/// </summary>
public static class OrgKeyName
{
    /// <summary>The key namespace (ESDK provider id) of org-wrapped data keys.</summary>
    public const string Namespace = "turen";

    /// <summary>Formats the key name of a DEK version, e.g. <c>org/acme/v3</c>.</summary>
    public static string Format(string orgId, int version) =>
        "org/" + orgId + "/v" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a key name produced by <see cref="Format"/>; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> keyName, [NotNullWhen(true)] out string? orgId, out int version)
    {
        orgId = null;
        version = 0;
        if (!keyName.StartsWith("org/", StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = keyName[4..];
        int slash = rest.LastIndexOf("/v", StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        ReadOnlySpan<char> digits = rest[(slash + 2)..];
        // Canonical decimal only (no sign, no leading zero), so that one version has exactly one key name.
        if (digits.Length is 0 or > 10 || digits[0] == '0' ||
            !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < 1)
        {
            return false;
        }

        string candidate = rest[..slash].ToString();
        if (!OrgIds.IsValid(candidate))
        {
            return false;
        }

        orgId = candidate;
        version = parsed;
        return true;
    }
}
