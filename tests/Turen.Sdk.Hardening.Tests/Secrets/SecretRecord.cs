using Turen.Sdk.Annotations;

namespace Turen.Sdk.Hardening.Tests.Secrets;

/// <summary>A model with every kind of protected member, serialized by the generated code in the secrets test.</summary>
public sealed partial record SecretRecord
{
    [EncryptionContext] public required string TenantId { get; init; }
    public required string Label { get; init; }
    [Encrypted] public string? Note { get; init; }
    [Encrypted] public byte[]? Blob { get; init; }
    [Hashed] public required string Token { get; init; }
    [Hashed(HashKind.Password)] public string? Password { get; init; }
}
