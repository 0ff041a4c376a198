using System;
using System.Collections.Generic;

namespace Turen.Sdk.Envelope.Format;

/// <summary>
/// Builds and checks the context Turen seals with: <c>turen.org</c> and <c>turen.session</c> plus caller pairs, keys in
/// <c>[a-z0-9./-]</c>. The character set keeps every ESDK, including a default-configured JS raw AES keyring (which
/// sorts its wrap AAD by locale), serializing the context identically (docs/format.md, "The raw AES keyring").
/// </summary>
internal static class SealContext
{
    public const string ReservedPrefix = "aws-crypto-";

    /// <summary>Returns (stored, authenticated-only, full) contexts for sealing.</summary>
    public static (EncryptionContext Stored, EncryptionContext AuthenticatedOnly, EncryptionContext Full) Build(SealOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.OrgId, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.SessionId, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Context, nameof(options));
        ArgumentNullException.ThrowIfNull(options.AuthenticatedContext, nameof(options));
        CheckKeys(options.Context);
        CheckKeys(options.AuthenticatedContext);
        foreach (string key in options.Context.Keys)
        {
            if (key is SessionBlob.OrgContextKey or SessionBlob.SessionContextKey)
            {
                throw Error.BadContext($"The context key '{key}' is set by SealOptions.{(key == SessionBlob.OrgContextKey ? "OrgId" : "SessionId")}.", nameof(options));
            }
        }

        foreach (string key in options.AuthenticatedContext.Keys)
        {
            if (options.Context.ContainsKey(key) || key is SessionBlob.OrgContextKey or SessionBlob.SessionContextKey)
            {
                throw Error.BadContext($"The context key '{key}' cannot be both stored and authenticated-only.", nameof(options));
            }
        }

        EncryptionContext stored = EncryptionContext.Create(new[]
        {
            new KeyValuePair<string, string>(SessionBlob.OrgContextKey, options.OrgId),
            new KeyValuePair<string, string>(SessionBlob.SessionContextKey, options.SessionId),
        }).Union(options.Context);
        EncryptionContext full = stored.Union(options.AuthenticatedContext);
        return (stored, options.AuthenticatedContext, full);
    }

    /// <summary>True when <paramref name="key"/> may be used in a sealed context.</summary>
    public static bool IsAllowedKey(string key)
    {
        if (key.Length == 0 || key.StartsWith(ReservedPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in key)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '/' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckKeys(EncryptionContext context)
    {
        foreach (string key in context.Keys)
        {
            if (key.StartsWith(ReservedPrefix, StringComparison.Ordinal))
            {
                throw Error.BadContext($"Encryption context keys starting with '{ReservedPrefix}' are reserved for the format.", "options");
            }

            if (!IsAllowedKey(key))
            {
                throw Error.BadContext($"The encryption context key '{key}' has a character outside [a-z0-9./-].", "options");
            }
        }
    }
}
