using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Turen.Sdk.Benchmarks.Fields;

/// <summary>
/// What a team would hand-write for the same protection with the BCL: a per-record HKDF-SHA256 key from an org key,
/// AES-256-GCM with a per-member nonce, an HMAC-SHA-256 lookup hash, base64url text, Utf8JsonWriter and JsonDocument by
/// hand. The same crypto operations per record as the generated serializer, minus its generality.
/// </summary>
public sealed class HandWrittenFieldCrypto
{
    private readonly byte[] _prk = new byte[32];
    private readonly byte[] _hashKey = new byte[32];
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public HandWrittenFieldCrypto(byte[] orgKey)
    {
        HKDF.Extract(HashAlgorithmName.SHA256, orgKey, "turen.fields.v1"u8, _prk);
        HKDF.Expand(HashAlgorithmName.SHA256, _prk, _hashKey, "turen.hash.v1\0agent-record/AgentSecret"u8);
    }

    public string Serialize(PlainAgentRecord record)
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        Span<byte> binding = stackalloc byte[256];
        int bindingLength = Binding(record.OrgId, record.AgentId, binding);
        writer.WriteStartObject();
        writer.WriteString("OrgId"u8, record.OrgId);
        writer.WriteString("AgentId"u8, record.AgentId);
        writer.WriteString("Hostname"u8, record.Hostname);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(record.AgentSecret), mac);
        writer.WriteString("AgentSecret"u8, "thash1$1$" + Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        byte[] header = new byte[21];
        header[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), 1);
        RandomNumberGenerator.Fill(header.AsSpan(5, 16));
        using (AesGcm aes = RecordCipher(binding[..bindingLength], header))
        {
            writer.WritePropertyName("RefreshToken"u8);
            WriteSealed(writer, aes, header, "RefreshToken"u8, record.RefreshToken is null ? null : Encoding.UTF8.GetBytes(record.RefreshToken));
            writer.WritePropertyName("DeviceKey"u8);
            WriteSealed(writer, aes, header, "DeviceKey"u8, record.DeviceKey);
        }
        writer.WriteString("RegisteredAt"u8, record.RegisteredAt);
        writer.WriteNumber("Port"u8, record.Port);
        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public PlainAgentRecord Deserialize(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        using JsonDocument document = JsonDocument.Parse(utf8);
        JsonElement root = document.RootElement;
        var record = new PlainAgentRecord
        {
            OrgId = root.GetProperty("OrgId"u8).GetGuid(),
            AgentId = root.GetProperty("AgentId"u8).GetString()!,
            Hostname = root.GetProperty("Hostname"u8).GetString()!,
            AgentSecret = root.GetProperty("AgentSecret"u8).GetString()!,
            RegisteredAt = root.GetProperty("RegisteredAt"u8).GetDateTimeOffset(),
            Port = root.GetProperty("Port"u8).GetInt32(),
        };
        Span<byte> binding = stackalloc byte[256];
        int bindingLength = Binding(record.OrgId, record.AgentId, binding);
        byte[]? tokenRaw = Decode(root.GetProperty("RefreshToken"u8).GetString());
        byte[]? deviceRaw = Decode(root.GetProperty("DeviceKey"u8).GetString());
        byte[]? header = (tokenRaw ?? deviceRaw)?[..21];
        if (header is not null)
        {
            using AesGcm aes = RecordCipher(binding[..bindingLength], header);
            byte[]? token = Open(aes, "RefreshToken"u8, tokenRaw);
            record.RefreshToken = token is null ? null : Encoding.UTF8.GetString(token);
            record.DeviceKey = Open(aes, "DeviceKey"u8, deviceRaw);
        }

        return record;
    }

    private static int Binding(Guid orgId, string agentId, Span<byte> destination)
    {
        int length = 0;
        "turen.field.v1\0org-a|AgentRecord|"u8.CopyTo(destination);
        length += 33;
        orgId.TryFormat(destination[length..], out int written, "D");
        length += written;
        destination[length++] = (byte)'|';
        length += Encoding.UTF8.GetBytes(agentId, destination[length..]);
        return length;
    }

    private AesGcm RecordCipher(ReadOnlySpan<byte> binding, ReadOnlySpan<byte> header)
    {
        Span<byte> info = stackalloc byte[binding.Length + header.Length];
        binding.CopyTo(info);
        header.CopyTo(info[binding.Length..]);
        Span<byte> key = stackalloc byte[32];
        HKDF.Expand(HashAlgorithmName.SHA256, _prk, key, info);
        var aes = new AesGcm(key, 16);
        CryptographicOperations.ZeroMemory(key);
        return aes;
    }

    private static void Nonce(ReadOnlySpan<byte> member, Span<byte> nonce)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(member, digest);
        digest[..12].CopyTo(nonce);
    }

    private static void WriteSealed(Utf8JsonWriter writer, AesGcm aes, byte[] header, ReadOnlySpan<byte> member, byte[]? plaintext)
    {
        if (plaintext is null)
        {
            writer.WriteNullValue();
            return;
        }

        byte[] raw = new byte[37 + plaintext.Length];
        header.CopyTo(raw, 0);
        Span<byte> nonce = stackalloc byte[12];
        Nonce(member, nonce);
        aes.Encrypt(nonce, plaintext, raw.AsSpan(21, plaintext.Length), raw.AsSpan(21 + plaintext.Length, 16), header);
        writer.WriteStringValue(Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }

    private static byte[]? Decode(string? stored) =>
        stored is null ? null : Convert.FromBase64String(stored.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (stored.Length % 4)) % 4));

    private static byte[]? Open(AesGcm aes, ReadOnlySpan<byte> member, byte[]? raw)
    {
        if (raw is null)
        {
            return null;
        }

        Span<byte> nonce = stackalloc byte[12];
        Nonce(member, nonce);
        byte[] plaintext = new byte[raw.Length - 37];
        aes.Decrypt(nonce, raw.AsSpan(21, plaintext.Length), raw.AsSpan(21 + plaintext.Length, 16), plaintext, raw.AsSpan(0, 21));
        return plaintext;
    }
}
