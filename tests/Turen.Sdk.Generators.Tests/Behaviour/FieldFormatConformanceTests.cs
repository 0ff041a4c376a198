using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Fields;
using Turen.Sdk.Fields.Format;
using Turen.Sdk.Generators.Tests.Models;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Generators.Tests.Behaviour;

/// <summary>
/// The field-value format as docs/format.md (field values) defines it, re-implemented here from the document with BCL
/// primitives only: values the generated serializer writes open under this reference, and values the reference writes
/// open through the serializer. Guards the stored format against internal changes (caching, other crypto providers).
/// </summary>
public sealed class FieldFormatConformanceTests
{
    private const string Org = "org-conformance";
    private const string TypeName = "Turen.Sdk.Generators.Tests.Models.AgentRecord";

    [Fact]
    public async Task Values_written_by_the_serializer_open_under_the_documented_format()
    {
        byte[] dek = RandomNumberGenerator.GetBytes(OrgDataKey.KeySizeInBytes);
        using var keys = new FixedOrgKeyProvider().Add(Org, 1, dek);
        using FieldProtector protector = await keys.CreateFieldProtectorAsync(Org, new FieldProtectorOptions { PasswordMemoryKiB = 64, PasswordIterations = 1 });
        AgentRecord record = AgentRecordRoundTripTests.NewRecord() with { RecoveryPassphrase = null };

        JsonNode json = JsonNode.Parse(TurenSerializer.Serialize(record, protector))!;
        byte[] token = Decode(json["RefreshToken"]!.GetValue<string>());
        byte[] device = Decode(json["DeviceKey"]!.GetValue<string>());

        Assert.Equal(token.AsSpan(0, 21).ToArray(), device.AsSpan(0, 21).ToArray());
        Assert.Equal(1, token[0]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(token.AsSpan(1)));
        byte[] binding = Binding(record);
        Assert.Equal(record.RefreshToken, Encoding.UTF8.GetString(Reference.Open(dek, binding, "RefreshToken", token)));
        Assert.Equal(record.DeviceKey, Reference.Open(dek, binding, "DeviceKey", device));
        Assert.Equal(Reference.KeyedHash(dek, Org, TypeName, "AgentSecret", record.AgentSecret), json["AgentSecret"]!.GetValue<string>());
        Assert.Throws<AuthenticationTagMismatchException>(() => Reference.Open(dek, binding, "DeviceKey", token));
    }

    [Fact]
    public async Task Values_written_by_the_reference_open_through_the_serializer()
    {
        byte[] dek = RandomNumberGenerator.GetBytes(OrgDataKey.KeySizeInBytes);
        using var keys = new FixedOrgKeyProvider().Add(Org, 1, dek);
        using FieldProtector protector = await keys.CreateFieldProtectorAsync(Org);
        AgentRecord record = AgentRecordRoundTripTests.NewRecord() with { RecoveryPassphrase = null };
        byte[] binding = Binding(record);
        byte[] header = Reference.NewHeader(version: 1);
        var json = new JsonObject
        {
            ["OrgId"] = record.OrgId.ToString("D"),
            ["AgentId"] = record.AgentId,
            ["Hostname"] = record.Hostname,
            ["AgentSecret"] = Reference.KeyedHash(dek, Org, TypeName, "AgentSecret", record.AgentSecret),
            ["RefreshToken"] = Encode(Reference.Seal(dek, binding, header, "RefreshToken", Encoding.UTF8.GetBytes(record.RefreshToken!))),
            ["DeviceKey"] = Encode(Reference.Seal(dek, binding, header, "DeviceKey", record.DeviceKey!)),
            ["RecoveryPassphrase"] = null,
        };

        AgentRecord read = TurenSerializer.Deserialize<AgentRecord>(json.ToJsonString(), protector);

        Assert.Equal(record.RefreshToken, read.RefreshToken);
        Assert.Equal(record.DeviceKey, read.DeviceKey);
        Assert.True(AgentRecord.HashedFields.AgentSecret.Verify(protector, read.AgentSecret, record.AgentSecret));

        // The same bytes under another member's nonce and AAD do not open.
        json["RefreshToken"] = Encode(Reference.Seal(dek, binding, header, "DeviceKey", Encoding.UTF8.GetBytes(record.RefreshToken!)));
        Assert.Throws<FieldIntegrityException>(() => TurenSerializer.Deserialize<AgentRecord>(json.ToJsonString(), protector));
    }

    private static byte[] Binding(AgentRecord record)
    {
        var binding = new List<byte>("turen.field.v1\0"u8.ToArray());
        Item(binding, 'O', Org);
        Item(binding, 'T', TypeName);
        Item(binding, 'C', "OrgId");
        Item(binding, 'C', record.OrgId.ToString("D"));
        Item(binding, 'C', "AgentId");
        Item(binding, 'C', record.AgentId);
        return binding.ToArray();
    }

    private static void Item(List<byte> destination, char tag, string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        destination.Add((byte)tag);
        destination.Add((byte)(utf8.Length >> 8));
        destination.Add((byte)utf8.Length);
        destination.AddRange(utf8);
    }

    private static byte[] Decode(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));

    private static string Encode(byte[] raw) => Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>docs/format.md, line by line.</summary>
    private static class Reference
    {
        public static byte[] NewHeader(uint version)
        {
            byte[] header = new byte[21];
            header[0] = 0x01;
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), version);
            RandomNumberGenerator.Fill(header.AsSpan(5));
            return header;
        }

        public static byte[] Seal(byte[] dek, byte[] binding, byte[] header, string member, byte[] plaintext)
        {
            using var aes = new AesGcm(RecordKey(dek, binding, header), 16);
            byte[] stored = new byte[21 + plaintext.Length + 16];
            header.CopyTo(stored, 0);
            aes.Encrypt(Nonce(member), plaintext, stored.AsSpan(21, plaintext.Length), stored.AsSpan(21 + plaintext.Length), Aad(header, member));
            return stored;
        }

        public static byte[] Open(byte[] dek, byte[] binding, string member, byte[] stored)
        {
            byte[] header = stored[..21];
            using var aes = new AesGcm(RecordKey(dek, binding, header), 16);
            byte[] plaintext = new byte[stored.Length - 37];
            aes.Decrypt(Nonce(member), stored.AsSpan(21, plaintext.Length), stored.AsSpan(stored.Length - 16), plaintext, Aad(header, member));
            return plaintext;
        }

        public static string KeyedHash(byte[] dek, string org, string type, string member, string value)
        {
            var info = new List<byte>("turen.hash.v1\0"u8.ToArray());
            Item(info, 'O', org);
            Item(info, 'T', type);
            Item(info, 'M', member);
            byte[] hashKey = HKDF.Expand(HashAlgorithmName.SHA256, Prk(dek), 32, info.ToArray());
            return "thash1$1$" + Encode(HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(value)));
        }

        private static byte[] Prk(byte[] dek) => HKDF.Extract(HashAlgorithmName.SHA256, dek, "turen.fields.v1"u8.ToArray());

        private static byte[] RecordKey(byte[] dek, byte[] binding, byte[] header) =>
            HKDF.Expand(HashAlgorithmName.SHA256, Prk(dek), 32, [.. binding, .. header]);

        private static byte[] MemberBinding(string member)
        {
            var item = new List<byte>();
            Item(item, 'M', member);
            return item.ToArray();
        }

        private static byte[] Nonce(string member) => SHA256.HashData([.. "turen.nonce.v1\0"u8.ToArray(), .. MemberBinding(member)])[..12];

        private static byte[] Aad(byte[] header, string member) => [.. header, .. MemberBinding(member)];
    }
}
