using System;

namespace Turen.Sdk.Credentials;

/// <summary>What may be shown about an API key: its non-secret id, name, environment and dates. Never the key or its hash.</summary>
/// <param name="Id">The lookup id (<c>ak_live_</c> + 8 characters), see <see cref="ApiKey.LookupId"/>.</param>
/// <param name="Name">A label chosen at creation, e.g. "ci-uploader".</param>
/// <param name="Environment">Live or test.</param>
/// <param name="CreatedAt">When the key was created.</param>
/// <param name="RevokedAt">When it was revoked, or null while it is active.</param>
public sealed record ApiKeyInfo(string Id, string Name, SecretEnvironment Environment, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>True once the key has been revoked; a revoked key never verifies again.</summary>
    public bool IsRevoked => RevokedAt is not null;
}
