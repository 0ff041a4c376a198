using System;
using Turen.Sdk.Annotations;

namespace Turen.Sdk.Sample.Aot;

/// <summary>The record from the README: what an agent registration stores.</summary>
public sealed partial record AgentRecord
{
    [EncryptionContext] public required Guid OrgId { get; init; }
    [EncryptionContext] public required string AgentId { get; init; }
    public required string Hostname { get; init; }
    [Hashed] public required string AgentSecret { get; init; }      // an as_live_ secret: stored only as a keyed hash
    [Encrypted] public string? RefreshToken { get; init; }
    [Encrypted] public byte[]? DeviceKey { get; init; }
    [Hashed(HashKind.Password)] public string? RecoveryPassphrase { get; init; }   // low entropy: Argon2id
    public DateTimeOffset RegisteredAt { get; init; }
    public string[] Labels { get; init; } = Array.Empty<string>();
}
