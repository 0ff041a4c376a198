using System;
using Turen.Sdk.Annotations;

namespace Turen.Sdk.Generators.Tests.Models;

public sealed partial record AgentRecord
{
    [EncryptionContext] public required Guid OrgId { get; init; }
    [EncryptionContext] public required string AgentId { get; init; }
    public required string Hostname { get; init; }
    [Hashed] public required string AgentSecret { get; init; }
    [Encrypted] public string? RefreshToken { get; init; }
    [Encrypted] public byte[]? DeviceKey { get; init; }
    [Hashed(HashKind.Password)] public string? RecoveryPassphrase { get; init; }
}
