using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Turen.Sdk.Fields;
using Turen.Sdk.Generators.Tests.Infrastructure;
using Turen.Sdk.Generators.Tests.Models;

namespace Turen.Sdk.Generators.Tests.Behaviour;

public sealed class EveryKindRoundTripTests
{
    internal static EveryKind NewValue() => new()
    {
        TenantId = "tenant-9",
        Shard = 42,
        ContextTier = Tier.Team,
        Secret = "s3cr3t ✓ ünïcødé",
        Text = "plain \"quoted\" text",
        MaybeText = null,
        Flag = true,
        Byte = 255,
        SByte = -128,
        Int16 = short.MinValue,
        UInt16 = ushort.MaxValue,
        Int32 = int.MinValue,
        UInt32 = uint.MaxValue,
        Int64 = long.MinValue,
        UInt64 = ulong.MaxValue,
        Single = 1.5f,
        Double = Math.PI,
        Decimal = 79228162514264337593543950335m,
        Guid = Guid.Parse("0b9b8d1e-2f77-4d0c-9a51-5d2b8f7c6e11"),
        DateTime = new DateTime(2026, 11, 29, 3, 4, 5, 678, DateTimeKind.Utc),
        DateTimeOffset = new DateTimeOffset(2026, 11, 29, 3, 4, 5, TimeSpan.FromHours(5.5)),
        DateOnly = new DateOnly(2024, 2, 29),
        TimeOnly = new TimeOnly(23, 59, 58, 123),
        TimeSpan = new TimeSpan(3, 4, 5, 6, 7),
        Tier = Tier.Enterprise,
        Flags = Flags.High,
        Bytes = new byte[] { 0, 255, 128 },
        MaybeInt = 7,
        MaybeTier = null,
        MaybeDate = new DateOnly(1999, 12, 31),
        MaybeGuid = null,
        Numbers = new[] { 1, -2, 3 },
        Names = new List<string> { "a", "b" },
        Ids = new[] { Guid.Empty, Guid.Parse("11111111-2222-3333-4444-555555555555") },
        Sparse = new int?[] { 1, null, 3 },
        Home = new Address { Street = "1 Main St", DoorCode = "4711" },
        Offices = new List<Address> { new() { Street = "A", DoorCode = "1" }, new() { Street = "B", DoorCode = null } },
        Origin = new Point { X = 3, Label = "origin" },
        MaybePoint = new Point { X = -1, Label = null },
        Renamed = "renamed value",
        Ignored = "changed",
    };

    [Fact]
    public async Task Every_supported_member_round_trips()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        EveryKind original = NewValue();

        string json = TurenSerializer.Serialize(original, context.ProtectorA);
        EveryKind read = TurenSerializer.Deserialize<EveryKind>(json, context.ProtectorA);

        Assert.Equal(original.TenantId, read.TenantId);
        Assert.Equal(original.Shard, read.Shard);
        Assert.Equal(original.ContextTier, read.ContextTier);
        Assert.Equal(original.Secret, read.Secret);
        Assert.Equal(original.Text, read.Text);
        Assert.Null(read.MaybeText);
        Assert.Equal(original.Flag, read.Flag);
        Assert.Equal(original.Byte, read.Byte);
        Assert.Equal(original.SByte, read.SByte);
        Assert.Equal(original.Int16, read.Int16);
        Assert.Equal(original.UInt16, read.UInt16);
        Assert.Equal(original.Int32, read.Int32);
        Assert.Equal(original.UInt32, read.UInt32);
        Assert.Equal(original.Int64, read.Int64);
        Assert.Equal(original.UInt64, read.UInt64);
        Assert.Equal(original.Single, read.Single);
        Assert.Equal(original.Double, read.Double);
        Assert.Equal(original.Decimal, read.Decimal);
        Assert.Equal(original.Guid, read.Guid);
        Assert.Equal(original.DateTime, read.DateTime);
        Assert.Equal(original.DateTime.Kind, read.DateTime.Kind);
        Assert.Equal(original.DateTimeOffset, read.DateTimeOffset);
        Assert.Equal(original.DateTimeOffset.Offset, read.DateTimeOffset.Offset);
        Assert.Equal(original.DateOnly, read.DateOnly);
        Assert.Equal(original.TimeOnly, read.TimeOnly);
        Assert.Equal(original.TimeSpan, read.TimeSpan);
        Assert.Equal(original.Tier, read.Tier);
        Assert.Equal(original.Flags, read.Flags);
        Assert.Equal(original.Bytes, read.Bytes);
        Assert.Equal(original.MaybeInt, read.MaybeInt);
        Assert.Null(read.MaybeTier);
        Assert.Equal(original.MaybeDate, read.MaybeDate);
        Assert.Null(read.MaybeGuid);
        Assert.Equal(original.Numbers, read.Numbers);
        Assert.Equal(original.Names, read.Names);
        Assert.Equal(original.Ids, read.Ids);
        Assert.Equal(original.Sparse, read.Sparse);
        Assert.Equal(original.Home, read.Home);
        Assert.Equal(original.Offices, read.Offices);
        Assert.Equal(original.Origin, read.Origin);
        Assert.Equal(original.MaybePoint, read.MaybePoint);
        Assert.Equal(original.Renamed, read.Renamed);
        Assert.Equal("not serialized", read.Ignored);
    }

    [Fact]
    public async Task Json_uses_declared_names_and_skips_ignored_and_computed_members()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();

        using JsonDocument document = JsonDocument.Parse(TurenSerializer.Serialize(NewValue(), context.ProtectorA));
        string[] names = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Contains("renamed_member", names);
        Assert.DoesNotContain("Renamed", names);
        Assert.DoesNotContain("Ignored", names);
        Assert.DoesNotContain("Computed", names);
        Assert.Equal("2024-02-29", document.RootElement.GetProperty("DateOnly").GetString());
        Assert.Equal("3.04:05:06.0070000", document.RootElement.GetProperty("TimeSpan").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("Tier").GetInt32());
    }

    [Fact]
    public async Task Members_in_any_order_are_read_and_unknown_members_are_skipped()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        string json = TurenSerializer.Serialize(NewValue(), context.ProtectorA);

        // Reverse the members, as a store like PostgreSQL jsonb may reorder them, and add an unknown one.
        using JsonDocument document = JsonDocument.Parse(json);
        var reordered = new System.Text.StringBuilder("{\"unknown\":{\"nested\":[1,2,{}]},");
        reordered.Append(string.Join(",", document.RootElement.EnumerateObject().Reverse().Select(p => JsonSerializer.Serialize(p.Name) + ":" + p.Value.GetRawText())));
        reordered.Append('}');

        EveryKind read = TurenSerializer.Deserialize<EveryKind>(reordered.ToString(), context.ProtectorA);

        Assert.Equal("s3cr3t ✓ ünïcødé", read.Secret);
        Assert.Equal("4711", read.Home!.DoorCode);
    }

    [Fact]
    public async Task Nested_in_outer_type_and_struct_and_derived_records_round_trip()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        var inner = new Outer.Inner { Id = Guid.NewGuid(), Note = "note" };
        var derived = new DerivedEntity { Kind = "derived", BaseSecret = "base secret", Name = "n", ApiKey = "ak_live_key" };

        Outer.Inner innerRead = TurenSerializer.Deserialize<Outer.Inner>(TurenSerializer.Serialize(inner, context.ProtectorA), context.ProtectorA);
        DerivedEntity derivedRead = TurenSerializer.Deserialize<DerivedEntity>(TurenSerializer.Serialize(derived, context.ProtectorA), context.ProtectorA);

        Assert.Equal(inner, innerRead);
        Assert.Equal("base secret", derivedRead.BaseSecret);
        Assert.Equal("derived", derivedRead.Kind);
        Assert.True(DerivedEntity.HashedFields.ApiKey.Verify(context.ProtectorA, derivedRead.ApiKey, "ak_live_key"));
        Assert.Equal("DerivedEntity { Kind = derived, Name = n }", derived.ToString());
    }

    [Fact]
    public async Task Missing_required_member_null_in_non_nullable_member_and_wrong_shape_are_json_errors()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();

        Assert.Throws<JsonException>(() => TurenSerializer.Deserialize<AgentRecord>("{\"OrgId\":\"6f1c1e0a-8c1d-4b7e-9d7a-0c3f1b2a4d5e\",\"AgentId\":\"a\"}", context.ProtectorA));
        Assert.Throws<JsonException>(() => TurenSerializer.Deserialize<EveryKind>("{\"TenantId\":\"t\",\"Text\":null}", context.ProtectorA));
        Assert.Throws<JsonException>(() => TurenSerializer.Deserialize<EveryKind>("[]", context.ProtectorA));
        Assert.Throws<JsonException>(() => TurenSerializer.Deserialize<EveryKind>("{\"TenantId\":\"t\"} trailing", context.ProtectorA));
        Assert.ThrowsAny<JsonException>(() => TurenSerializer.Deserialize<EveryKind>("{\"TenantId\":\"t\",", context.ProtectorA));
        Assert.Throws<JsonException>(() => TurenSerializer.Deserialize<EveryKind>("{\"TenantId\":\"t\",\"DateOnly\":\"29/02/2024\"}", context.ProtectorA));
    }

    [Fact]
    public async Task Null_context_value_is_refused_when_writing()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        EveryKind value = NewValue();
        var broken = new EveryKind { TenantId = null!, Secret = "x" };

        Assert.Throws<InvalidOperationException>(() => TurenSerializer.Serialize(broken, context.ProtectorA));
        Assert.NotNull(TurenSerializer.Serialize(value, context.ProtectorA));
    }

    [Fact]
    public async Task Utf8_and_writer_entry_points_agree_with_string_ones()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        EveryKind value = NewValue();

        byte[] utf8 = TurenSerializer.SerializeToUtf8Bytes(value, context.ProtectorA);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TurenSerializer.Serialize(writer, value, context.ProtectorA);
        }

        Assert.Equal(value.Secret, TurenSerializer.Deserialize<EveryKind>(utf8, context.ProtectorA).Secret);
        Assert.Equal(value.Secret, ReadWithReader(buffer.WrittenSpan.ToArray(), context.ProtectorA).Secret);
    }

    private static EveryKind ReadWithReader(byte[] utf8, FieldProtector protector)
    {
        var reader = new Utf8JsonReader(utf8);
        return TurenSerializer.Deserialize<EveryKind>(ref reader, protector);
    }
}
