using System;
using System.Threading.Tasks;
using Turen.Sdk.Fields;
using Turen.Sdk.Generators.Tests.Infrastructure;
using Turen.Sdk.Generators.Tests.Models;

namespace Turen.Sdk.Generators.Tests.Behaviour;

/// <summary>An attacker who can write the store moves, cuts and flips stored values; every such value must be refused.</summary>
public sealed class AdversarialTests
{
    [Fact]
    public async Task Ciphertext_moved_to_another_member_of_the_same_record_is_refused()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        var record = new OtherAgentRecord { OrgId = Guid.NewGuid(), AgentId = "a", RefreshToken = "token-one", OtherToken = "token-two" };
        string json = TurenSerializer.Serialize(record, context.ProtectorA);

        string swapped = JsonEdit.Set(json, JsonEdit.Get(json, "RefreshToken"), "OtherToken");

        FieldIntegrityException error = Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<OtherAgentRecord>(swapped, context.ProtectorA));
        Assert.Equal("OtherToken", error.MemberName);
        Assert.DoesNotContain("token-one", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent-2", false)]
    [InlineData("agent-1", true)]
    public async Task Ciphertext_moved_to_another_record_is_refused(string otherAgentId, bool otherOrgId)
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        string first = TurenSerializer.Serialize(AgentRecordRoundTripTests.NewRecord(), context.ProtectorA);
        AgentRecord other = AgentRecordRoundTripTests.NewRecord(orgId: otherOrgId ? Guid.NewGuid() : null, agentId: otherAgentId);
        string second = TurenSerializer.Serialize(other, context.ProtectorA);

        string moved = JsonEdit.Set(second, JsonEdit.Get(first, "RefreshToken"), "RefreshToken");

        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<AgentRecord>(moved, context.ProtectorA));
        Assert.Equal(other.RefreshToken, TurenSerializer.Deserialize<AgentRecord>(second, context.ProtectorA).RefreshToken);
    }

    [Fact]
    public async Task Ciphertext_moved_to_another_type_with_equal_member_and_context_is_refused()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord agent = AgentRecordRoundTripTests.NewRecord();
        string agentJson = TurenSerializer.Serialize(agent, context.ProtectorA);
        var other = new OtherAgentRecord { OrgId = agent.OrgId, AgentId = agent.AgentId, RefreshToken = "x" };
        string otherJson = TurenSerializer.Serialize(other, context.ProtectorA);

        string moved = JsonEdit.Set(otherJson, JsonEdit.Get(agentJson, "RefreshToken"), "RefreshToken");

        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<OtherAgentRecord>(moved, context.ProtectorA));
    }

    [Fact]
    public async Task Record_of_another_org_is_refused_and_its_hashes_do_not_verify()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord record = AgentRecordRoundTripTests.NewRecord();
        string json = TurenSerializer.Serialize(record, context.ProtectorA);

        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<AgentRecord>(json, context.ProtectorB));
        AgentRecord stored = TurenSerializer.Deserialize<AgentRecord>(json, context.ProtectorA);
        Assert.False(AgentRecord.HashedFields.AgentSecret.Verify(context.ProtectorB, stored.AgentSecret, record.AgentSecret));
    }

    [Fact]
    public async Task Nested_ciphertext_moved_between_list_items_or_parent_records_is_refused()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        EveryKind value = EveryKindRoundTripTests.NewValue();
        string json = TurenSerializer.Serialize(value, context.ProtectorA);
        EveryKind otherValue = EveryKindRoundTripTests.NewValue();
        otherValue = new EveryKind { TenantId = "tenant-10", Home = otherValue.Home };
        string otherJson = TurenSerializer.Serialize(otherValue, context.ProtectorA);

        string betweenItems = JsonEdit.Set(json, JsonEdit.Get(json, "Offices", "0", "DoorCode"), "Offices", "1", "DoorCode");
        string intoHome = JsonEdit.Set(json, JsonEdit.Get(json, "Offices", "0", "DoorCode"), "Home", "DoorCode");
        string betweenParents = JsonEdit.Set(otherJson, JsonEdit.Get(json, "Home", "DoorCode"), "Home", "DoorCode");

        Assert.Equal("DoorCode", Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<EveryKind>(betweenItems, context.ProtectorA)).MemberName);
        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<EveryKind>(intoHome, context.ProtectorA));
        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<EveryKind>(betweenParents, context.ProtectorA));
    }

    [Fact]
    public async Task Every_single_bit_flip_is_refused()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        string json = TurenSerializer.Serialize(AgentRecordRoundTripTests.NewRecord(), context.ProtectorA);
        byte[] raw = JsonEdit.DecodeBase64Url(JsonEdit.Get(json, "RefreshToken"));

        for (int i = 0; i < raw.Length; i++)
        {
            for (int bit = 0; bit < 8; bit += 3)
            {
                byte[] flipped = (byte[])raw.Clone();
                flipped[i] ^= (byte)(1 << bit);
                string tampered = JsonEdit.Set(json, JsonEdit.EncodeBase64Url(flipped), "RefreshToken");

                // A flipped version field may name a key version that does not exist: refused either way, never opened.
                Exception error = Assert.ThrowsAny<Exception>(() => TurenSerializer.Deserialize<AgentRecord>(tampered, context.ProtectorA));
                Assert.True(error is FieldIntegrityException or FieldKeyUnavailableException, $"byte {i} bit {bit}: {error.GetType().Name}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(36)]
    [InlineData(100)]
    public async Task Truncated_values_are_refused(int keep)
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        string json = TurenSerializer.Serialize(AgentRecordRoundTripTests.NewRecord(), context.ProtectorA);
        byte[] raw = JsonEdit.DecodeBase64Url(JsonEdit.Get(json, "RefreshToken"));

        string truncated = JsonEdit.Set(json, JsonEdit.EncodeBase64Url(raw[..Math.Min(keep, raw.Length - 1)]), "RefreshToken");

        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<AgentRecord>(truncated, context.ProtectorA));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("AAAA+AAA")]
    [InlineData("A")]
    public async Task Malformed_ciphertext_text_is_refused(string stored)
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        string json = JsonEdit.Set(TurenSerializer.Serialize(AgentRecordRoundTripTests.NewRecord(), context.ProtectorA), stored, "RefreshToken");

        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<AgentRecord>(json, context.ProtectorA));
    }

    [Fact]
    public async Task Unknown_format_version_and_non_canonical_text_are_refused()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        string json = TurenSerializer.Serialize(AgentRecordRoundTripTests.NewRecord(), context.ProtectorA);
        string stored = JsonEdit.Get(json, "RefreshToken");
        byte[] raw = JsonEdit.DecodeBase64Url(stored);
        raw[0] = 2;

        string otherVersion = JsonEdit.Set(json, JsonEdit.EncodeBase64Url(raw), "RefreshToken");
        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<AgentRecord>(otherVersion, context.ProtectorA));

        // The value's length leaves unused low bits in the last character; setting one must not produce an equal value.
        if (stored.Length % 4 != 0)
        {
            char last = stored[^1];
            string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            char bumped = alphabet[alphabet.IndexOf(last, StringComparison.Ordinal) ^ 1];
            string nonCanonical = JsonEdit.Set(json, stored[..^1] + bumped, "RefreshToken");
            Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<AgentRecord>(nonCanonical, context.ProtectorA));
        }
    }

    [Fact]
    public async Task Rotation_old_versions_open_new_writes_use_the_active_one_and_retired_versions_are_refused()
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        AgentRecord record = AgentRecordRoundTripTests.NewRecord();
        string underV1 = TurenSerializer.Serialize(record, context.ProtectorA);
        AgentRecord storedV1 = TurenSerializer.Deserialize<AgentRecord>(underV1, context.ProtectorA);

        context.Keys.Rotate(FieldTestContext.OrgA);
        using FieldProtector rotated = await context.Keys.CreateFieldProtectorAsync(FieldTestContext.OrgA, FieldTestContext.FastPasswords);
        Assert.Equal(2, rotated.ActiveKeyVersion);

        // Synchronous reads do not fetch keys; the async one loads version 1 and opens the value.
        FieldKeyUnavailableException missing = Assert.Throws<FieldKeyUnavailableException>(() => TurenSerializer.Deserialize<AgentRecord>(underV1, rotated));
        Assert.Equal(1, missing.Version);
        AgentRecord read = await TurenSerializer.DeserializeAsync<AgentRecord>(underV1, rotated);
        Assert.Equal(record.RefreshToken, read.RefreshToken);
        Assert.True(await AgentRecord.HashedFields.AgentSecret.VerifyAsync(rotated, storedV1.AgentSecret, record.AgentSecret));

        // New writes use version 2; the hash read back keeps its version 1 prefix.
        string rewritten = TurenSerializer.Serialize(read, rotated);
        Assert.Equal(2, JsonEdit.DecodeBase64Url(JsonEdit.Get(rewritten, "RefreshToken"))[4]);
        Assert.StartsWith("thash1$1$", JsonEdit.Get(rewritten, "AgentSecret"), StringComparison.Ordinal);
        Assert.StartsWith("thash1$2$", AgentRecord.HashedFields.AgentSecret.Compute(rotated, record.AgentSecret), StringComparison.Ordinal);

        // Once version 1 is retired, a fresh protector cannot open version-1 values.
        context.Keys.Retire(FieldTestContext.OrgA, 1);
        using FieldProtector afterRetirement = await context.Keys.CreateFieldProtectorAsync(FieldTestContext.OrgA);
        FieldKeyUnavailableException retired = await Assert.ThrowsAsync<FieldKeyUnavailableException>(async () => await TurenSerializer.DeserializeAsync<AgentRecord>(underV1, afterRetirement));
        Assert.Equal(1, retired.Version);
        Assert.IsType<Turen.Sdk.Keys.OrgKeyNotFoundException>(retired.InnerException);
        Assert.Equal(record.RefreshToken, (await TurenSerializer.DeserializeAsync<AgentRecord>(rewritten, afterRetirement)).RefreshToken);
    }

    [Theory]
    [InlineData("as_live_plaintext_secret")]
    [InlineData("thash1$0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("thash1$01$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("thash1$1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("thash1$1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("thash1$1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("thash1$x$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("thash1$99999999999$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("")]
    public async Task Malformed_keyed_hash_strings_are_refused_on_read_and_never_verify(string stored)
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        string json = JsonEdit.Set(TurenSerializer.Serialize(AgentRecordRoundTripTests.NewRecord(), context.ProtectorA), stored, "AgentSecret");

        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<AgentRecord>(json, context.ProtectorA));
        Assert.False(AgentRecord.HashedFields.AgentSecret.IsHash(stored));
        Assert.False(AgentRecord.HashedFields.AgentSecret.Verify(context.ProtectorA, stored, stored));
    }

    [Theory]
    [InlineData("$argon2id$v=19$m=99999999,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=1000,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=4$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=16$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2i$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("$argon2id$v=19$m=064,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("correct horse battery staple")]
    public async Task Malformed_password_hash_strings_are_refused_on_read_and_never_verify(string stored)
    {
        using FieldTestContext context = await FieldTestContext.CreateAsync();
        string json = JsonEdit.Set(TurenSerializer.Serialize(AgentRecordRoundTripTests.NewRecord(), context.ProtectorA), stored, "RecoveryPassphrase");

        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<AgentRecord>(json, context.ProtectorA));
        Assert.False(AgentRecord.HashedFields.RecoveryPassphrase.IsHash(stored));
        Assert.False(AgentRecord.HashedFields.RecoveryPassphrase.Verify(context.ProtectorA, stored, "correct horse battery staple"));
    }
}
