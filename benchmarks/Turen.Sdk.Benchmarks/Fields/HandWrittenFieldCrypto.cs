using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Turen.Sdk.Benchmarks.Fields;

/// <summary>
/// What a team would hand-write for the same protection: a per-record HKDF-SHA256 key from an org key, AES-256-GCM with
/// a per-member nonce (the BCL's <see cref="AesGcm"/> or NSec's <c>AeadAlgorithm.Aes256Gcm</c>), an HMAC-SHA-256 lookup
/// hash, base64url text, Utf8JsonWriter and JsonDocument by hand. The same crypto operations per record as the
/// generated serializer, minus its generality.
/// </summary>
public sealed class HandWrittenFieldCrypto
{
    private readonly byte[] _prk = new byte[32];
    private readonly byte[] _hashKey = new byte[32];
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly bool _nsec;

    public HandWrittenFieldCrypto(byte[] orgKey, bool useNSec = false)
    {
        _nsec = useNSec;
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
        using (IRecordAead aes = RecordCipher(binding[..bindingLength], header))
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
            using IRecordAead aes = RecordCipher(binding[..bindingLength], header);
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

    private IRecordAead RecordCipher(ReadOnlySpan<byte> binding, ReadOnlySpan<byte> header)
    {
        Span<byte> info = stackalloc byte[binding.Length + header.Length];
        binding.CopyTo(info);
        header.CopyTo(info[binding.Length..]);
        Span<byte> key = stackalloc byte[32];
        HKDF.Expand(HashAlgorithmName.SHA256, _prk, key, info);
        try
        {
            return _nsec ? new NSecAead(key) : new BclAead(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>AES-256-GCM with the tag stored right after the ciphertext.</summary>
    private interface IRecordAead : IDisposable
    {
        void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertextAndTag, ReadOnlySpan<byte> aad);

        void Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext, ReadOnlySpan<byte> aad);
    }

    private sealed class BclAead(ReadOnlySpan<byte> key) : IRecordAead
    {
        private readonly AesGcm _aes = new(key, 16);

        public void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertextAndTag, ReadOnlySpan<byte> aad) =>
            _aes.Encrypt(nonce, plaintext, ciphertextAndTag[..plaintext.Length], ciphertextAndTag[plaintext.Length..], aad);

        public void Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext, ReadOnlySpan<byte> aad) =>
            _aes.Decrypt(nonce, ciphertextAndTag[..plaintext.Length], ciphertextAndTag[plaintext.Length..], plaintext, aad);

        public void Dispose() => _aes.Dispose();
    }

    private sealed class NSecAead(ReadOnlySpan<byte> key) : IRecordAead
    {
        private static readonly NSec.Cryptography.AeadAlgorithm Algorithm = NSec.Cryptography.AeadAlgorithm.Aes256Gcm;
        private readonly NSec.Cryptography.Key _key = NSec.Cryptography.Key.Import(Algorithm, key, NSec.Cryptography.KeyBlobFormat.RawSymmetricKey);

        public void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertextAndTag, ReadOnlySpan<byte> aad) =>
            Algorithm.Encrypt(_key, nonce, aad, plaintext, ciphertextAndTag);

        public void Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext, ReadOnlySpan<byte> aad)
        {
            if (!Algorithm.Decrypt(_key, nonce, aad, ciphertextAndTag, plaintext))
            {
                throw new CryptographicException("The value does not authenticate.");
            }
        }

        public void Dispose() => _key.Dispose();
    }

    private static void Nonce(ReadOnlySpan<byte> member, Span<byte> nonce)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(member, digest);
        digest[..12].CopyTo(nonce);
    }

    private static void WriteSealed(Utf8JsonWriter writer, IRecordAead aes, byte[] header, ReadOnlySpan<byte> member, byte[]? plaintext)
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
        aes.Seal(nonce, plaintext, raw.AsSpan(21), header);
        writer.WriteStringValue(Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }

    private static byte[]? Decode(string? stored) =>
        stored is null ? null : Convert.FromBase64String(stored.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (stored.Length % 4)) % 4));

    private static byte[]? Open(IRecordAead aes, ReadOnlySpan<byte> member, byte[]? raw)
    {
        if (raw is null)
        {
            return null;
        }

        Span<byte> nonce = stackalloc byte[12];
        Nonce(member, nonce);
        byte[] plaintext = new byte[raw.Length - 37];
        aes.Open(nonce, raw.AsSpan(21), plaintext, raw.AsSpan(0, 21));
        return plaintext;
    }
}
