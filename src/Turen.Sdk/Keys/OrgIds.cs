using System;

namespace Turen.Sdk.Keys;

/// <summary>
/// The rules for organization ids: 1 to 128 characters from <c>[A-Za-z0-9._-]</c>, not starting with a dot or dash.
/// The id appears in key names (<c>org/{orgId}/v{version}</c>), file-free CLI output and database keys, so it must not
/// contain separators, whitespace or control characters.
/// </summary>
public static class OrgIds
{
    /// <summary>The longest allowed org id.</summary>
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="orgId"/> follows the rules.</summary>
    public static bool IsValid(string? orgId)
    {
        if (string.IsNullOrEmpty(orgId) || orgId.Length > MaxLength || orgId[0] is '.' or '-')
        {
            return false;
        }

        foreach (char c in orgId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws when <paramref name="orgId"/> does not follow the rules.</summary>
    /// <exception cref="ArgumentException">The org id is empty, too long or has a character outside <c>[A-Za-z0-9._-]</c>.</exception>
    public static void Validate(string? orgId)
    {
        ArgumentNullException.ThrowIfNull(orgId);
        if (!IsValid(orgId))
        {
            throw new ArgumentException(
                $"Org ids are 1-{MaxLength} characters from [A-Za-z0-9._-] and do not start with '.' or '-'.", nameof(orgId));
        }
    }
}
