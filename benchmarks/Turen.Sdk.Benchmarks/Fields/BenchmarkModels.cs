using System;
using System.Text.Json.Serialization;
using Turen.Sdk.Annotations;

namespace Turen.Sdk.Benchmarks.Fields;

/// <summary>The README's AgentRecord, without the Argon2id member (whose cost is Argon2id's by design, not the serializer's).</summary>
public sealed partial record AgentRecord
{
    [EncryptionContext] public required Guid OrgId { get; init; }
    [EncryptionContext] public required string AgentId { get; init; }
    public required string Hostname { get; init; }
    [Hashed] public required string AgentSecret { get; init; }
    [Encrypted] public string? RefreshToken { get; init; }
    [Encrypted] public byte[]? DeviceKey { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public int Port { get; init; }
}

/// <summary>The same shape with plain members: what System.Text.Json and the Data Protection variant serialize.</summary>
public sealed class PlainAgentRecord
{
    public Guid OrgId { get; set; }
    public string AgentId { get; set; } = string.Empty;
    public string Hostname { get; set; } = string.Empty;
    public string AgentSecret { get; set; } = string.Empty;
    public string? RefreshToken { get; set; }
    public byte[]? DeviceKey { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public int Port { get; set; }
}

/// <summary>The Data Protection variant stores the protected byte array as a string.</summary>
public sealed class ProtectedAgentRecord
{
    public Guid OrgId { get; set; }
    public string AgentId { get; set; } = string.Empty;
    public string Hostname { get; set; } = string.Empty;
    public string AgentSecret { get; set; } = string.Empty;
    public string? RefreshToken { get; set; }
    public string? DeviceKey { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public int Port { get; set; }
}

[JsonSerializable(typeof(PlainAgentRecord))]
[JsonSerializable(typeof(ProtectedAgentRecord))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext
{
}
