using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using Turen.Sdk.Annotations;

namespace Turen.Sdk.Generators.Tests.Models;

public enum Tier
{
    Free = 0,
    Team = 1,
    Enterprise = 2,
}

public enum Flags : ulong
{
    None = 0,
    High = 1UL << 63,
}

/// <summary>One member of every supported kind, so a round trip proves none is dropped.</summary>
public sealed partial class EveryKind
{
    [EncryptionContext] public required string TenantId { get; init; }
    [EncryptionContext] public int Shard { get; init; }
    [EncryptionContext] public Tier ContextTier { get; init; }
    [Encrypted] public string? Secret { get; set; }

    public string Text { get; set; } = string.Empty;
    public string? MaybeText { get; set; }
    public bool Flag { get; set; }
    public byte Byte { get; set; }
    public sbyte SByte { get; set; }
    public short Int16 { get; set; }
    public ushort UInt16 { get; set; }
    public int Int32 { get; set; }
    public uint UInt32 { get; set; }
    public long Int64 { get; set; }
    public ulong UInt64 { get; set; }
    public float Single { get; set; }
    public double Double { get; set; }
    public decimal Decimal { get; set; }
    public Guid Guid { get; set; }
    public DateTime DateTime { get; set; }
    public DateTimeOffset DateTimeOffset { get; set; }
    public DateOnly DateOnly { get; set; }
    public TimeOnly TimeOnly { get; set; }
    public TimeSpan TimeSpan { get; set; }
    public Tier Tier { get; set; }
    public Flags Flags { get; set; }
    public byte[]? Bytes { get; set; }
    public int? MaybeInt { get; set; }
    public Tier? MaybeTier { get; set; }
    public DateOnly? MaybeDate { get; set; }
    public Guid? MaybeGuid { get; set; }
    public int[]? Numbers { get; set; }
    public List<string>? Names { get; set; }
    public IReadOnlyList<Guid> Ids { get; set; } = Array.Empty<Guid>();
    public IEnumerable<int?>? Sparse { get; set; }
    public Address? Home { get; set; }
    public List<Address> Offices { get; set; } = new();
    public Point Origin { get; set; }
    public Point? MaybePoint { get; set; }

    [JsonPropertyName("renamed_member")]
    public string Renamed { get; set; } = string.Empty;

    [JsonIgnore]
    public string Ignored { get; set; } = "not serialized";

    public string Computed => Text + "!";
}

/// <summary>A nested annotated type: its ciphertexts are bound to the parent record's chain as well.</summary>
public sealed partial record Address
{
    public string Street { get; init; } = string.Empty;
    [Encrypted] public string? DoorCode { get; init; }
}

/// <summary>A struct nested type.</summary>
public partial record struct Point
{
    public int X { get; init; }
    [Encrypted] public string? Label { get; init; }
}

/// <summary>A type declared in another type.</summary>
public static partial class Outer
{
    public sealed partial record Inner
    {
        [EncryptionContext] public Guid Id { get; init; }
        [Encrypted] public string? Note { get; init; }
    }
}

/// <summary>A second type with the same member names as <see cref="AgentRecord"/>, for cross-type swaps.</summary>
public sealed partial record OtherAgentRecord
{
    [EncryptionContext] public required Guid OrgId { get; init; }
    [EncryptionContext] public required string AgentId { get; init; }
    [Encrypted] public string? RefreshToken { get; init; }
    [Encrypted] public string? OtherToken { get; init; }
}

/// <summary>A record hierarchy: the derived PrintMembers calls the base one.</summary>
public partial record BaseEntity
{
    public string Kind { get; init; } = "base";
    [Encrypted] public string? BaseSecret { get; init; }
}

public sealed partial record DerivedEntity : BaseEntity
{
    public string Name { get; init; } = string.Empty;
    [Hashed] public string? ApiKey { get; init; }
}
