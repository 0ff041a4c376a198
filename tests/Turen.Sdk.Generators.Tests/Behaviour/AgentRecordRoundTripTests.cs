using System;
using System.Text.Json;
using System.Threading.Tasks;
using Turen.Sdk.Fields;
using Turen.Sdk.Generators.Tests.Infrastructure;
using Turen.Sdk.Generators.Tests.Models;

namespace Turen.Sdk.Generators.Tests.Behaviour;

public sealed class AgentRecordRoundTripTests
{
    internal static AgentRecord NewRecord(Guid? orgId = null, string agentId = "agent-1") => new()
    {
        OrgId = orgId ?? Guid.Parse("6f1c1e0a-8c1d-4b7e-9d7a-0c3f1b2a4d5e"),
        AgentId = agentId,
        Hostname = "build-07.example.internal",
        AgentSecret = "as_live_0123456789ABCDEFGHIJKLMNOPQRSTUV0abcde",
        RefreshToken = "rt_4f8b1c2d9e7a6b5c4d3e2f1a0b9c8d7e",
        DeviceKey = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 },
        RecoveryPassphrase = "correct horse battery staple",
    };

    [Fact]
    public async Task Round_trip_opens_encrypted_members_and_keeps_hashes()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord original = NewRecord();

        string json = TurenSerializer.Serialize(original, context.ProtectorA);
        AgentRecord read = TurenSerializer.Deserialize<AgentRecord>(json, context.ProtectorA);

        Assert.Equal(original.OrgId, read.OrgId);
        Assert.Equal(original.AgentId, read.AgentId);
        Assert.Equal(original.Hostname, read.Hostname);
        Assert.Equal(original.RefreshToken, read.RefreshToken);
        Assert.Equal(original.DeviceKey, read.DeviceKey);
        Assert.StartsWith("thash1$1$", read.AgentSecret, StringComparison.Ordinal);
        Assert.StartsWith("$argon2id$v=19$m=64,t=1,p=1$", read.RecoveryPassphrase, StringComparison.Ordinal);
        Assert.True(AgentRecord.HashedFields.AgentSecret.Verify(context.ProtectorA, read.AgentSecret, original.AgentSecret));
        Assert.False(AgentRecord.HashedFields.AgentSecret.Verify(context.ProtectorA, read.AgentSecret, original.AgentSecret + "x"));
        Assert.True(AgentRecord.HashedFields.RecoveryPassphrase.Verify(context.ProtectorA, read.RecoveryPassphrase, "correct horse battery staple"));
        Assert.False(AgentRecord.HashedFields.RecoveryPassphrase.Verify(context.ProtectorA, read.RecoveryPassphrase, "correct horse battery stapler"));
    }

    [Fact]
    public async Task Plaintext_of_protected_members_never_reaches_the_json()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord original = NewRecord();

        string json = TurenSerializer.Serialize(original, context.ProtectorA);

        Assert.DoesNotContain(original.AgentSecret, json, StringComparison.Ordinal);
        Assert.DoesNotContain(original.RefreshToken!, json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(original.DeviceKey!), json, StringComparison.Ordinal);
        Assert.DoesNotContain("battery", json, StringComparison.Ordinal);
        Assert.Contains(original.Hostname, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_hashes_are_written_back_unchanged()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        string first = TurenSerializer.Serialize(NewRecord(), context.ProtectorA);
        AgentRecord read = TurenSerializer.Deserialize<AgentRecord>(first, context.ProtectorA);

        string second = TurenSerializer.Serialize(read, context.ProtectorA);
        AgentRecord reread = TurenSerializer.Deserialize<AgentRecord>(second, context.ProtectorA);

        Assert.Equal(read.AgentSecret, reread.AgentSecret);
        Assert.Equal(read.RecoveryPassphrase, reread.RecoveryPassphrase);
        using JsonDocument a = JsonDocument.Parse(first);
        using JsonDocument b = JsonDocument.Parse(second);
        Assert.Equal(a.RootElement.GetProperty("AgentSecret").GetString(), b.RootElement.GetProperty("AgentSecret").GetString());
    }

    [Fact]
    public async Task Keyed_hash_is_deterministic_for_lookup()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord record = NewRecord();

        string lookup = AgentRecord.HashedFields.AgentSecret.Compute(context.ProtectorA, record.AgentSecret);
        AgentRecord stored = TurenSerializer.Deserialize<AgentRecord>(TurenSerializer.Serialize(record, context.ProtectorA), context.ProtectorA);

        Assert.Equal(lookup, stored.AgentSecret);
        Assert.NotEqual(lookup, AgentRecord.HashedFields.AgentSecret.Compute(context.ProtectorB, record.AgentSecret));
    }

    [Fact]
    public async Task Each_serialization_seals_with_fresh_keys()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord record = NewRecord();

        using JsonDocument a = JsonDocument.Parse(TurenSerializer.Serialize(record, context.ProtectorA));
        using JsonDocument b = JsonDocument.Parse(TurenSerializer.Serialize(record, context.ProtectorA));

        Assert.NotEqual(a.RootElement.GetProperty("RefreshToken").GetString(), b.RootElement.GetProperty("RefreshToken").GetString());
    }

    [Fact]
    public async Task Encrypted_value_overhead_is_at_most_48_bytes()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord record = NewRecord() with { DeviceKey = new byte[100] };

        using JsonDocument document = JsonDocument.Parse(TurenSerializer.Serialize(record, context.ProtectorA));
        string stored = document.RootElement.GetProperty("DeviceKey").GetString()!;
        byte[] raw = Convert.FromBase64String(stored.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (stored.Length % 4)) % 4));

        Assert.Equal(37, raw.Length - 100);
        Assert.True(raw.Length - 100 <= 48);
        Assert.Equal(1, raw[0]);
    }

    [Fact]
    public async Task Escaped_stored_text_is_read_like_the_unescaped_text()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord record = NewRecord();
        string json = TurenSerializer.Serialize(record, context.ProtectorA);
        string stored = JsonEdit.Get(json, "RefreshToken");

        string escaped = json.Replace("\"" + stored + "\"", "\"\\u00" + ((int)stored[0]).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + stored[1..] + "\"", StringComparison.Ordinal);

        Assert.NotEqual(json, escaped);
        Assert.Equal(record.RefreshToken, TurenSerializer.Deserialize<AgentRecord>(escaped, context.ProtectorA).RefreshToken);
    }

    [Fact]
    public async Task Null_optional_members_round_trip_as_null()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord record = NewRecord() with { RefreshToken = null, DeviceKey = null, RecoveryPassphrase = null };

        AgentRecord read = TurenSerializer.Deserialize<AgentRecord>(TurenSerializer.Serialize(record, context.ProtectorA), context.ProtectorA);

        Assert.Null(read.RefreshToken);
        Assert.Null(read.DeviceKey);
        Assert.Null(read.RecoveryPassphrase);
    }

    [Fact]
    public async Task ToString_never_prints_annotated_members()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord record = NewRecord();

        string text = record.ToString();

        Assert.Contains("Hostname = build-07.example.internal", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AgentSecret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(record.AgentSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("RefreshToken", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DeviceKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("battery", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AgentId", text, StringComparison.Ordinal);
    }
}
