using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Turen.Sdk.Credentials;

/// <summary>
/// The bytes of an agent state file (version 1):
/// <code>
/// magic "TURNAGST" (8) ‖ version 0x01 (1) ‖ machine fingerprint (16) ‖ salt (16) ‖ nonce (12)   = header (53)
/// ‖ AES-256-GCM ciphertext of the JSON payload ‖ tag (16) ‖ SHA-256(everything before)[0..8] (8)
/// </code>
/// key = HKDF-SHA-256(ikm = machine secret, salt, info = "turen/agent-state/v1/key" ‖ 0 ‖ machine id), fresh salt and
/// nonce on every write (so no key ever sees two nonces); the header is the associated data. The fingerprint,
/// HKDF(machine secret, info = "…/machine" ‖ 0 ‖ machine id), tells "another machine" from "damaged" without revealing
/// the machine id; the trailing SHA-256 tells "damaged" (truncated, bit rot) from "tampered" (authentication failure).
/// </summary>
internal static class AgentStateFileFormat
{
    public const int FingerprintSize = 16;
    public const int SaltSize = 16;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int IntegritySize = 8;
    public const byte Version = 1;
    public const int HeaderSize = 8 + 1 + FingerprintSize + SaltSize + NonceSize;
    public const int MinimumSize = HeaderSize + TagSize + IntegritySize;

    private static readonly byte[] Magic = "TURNAGST"u8.ToArray();
    private static readonly byte[] KeyInfo = "turen/agent-state/v1/key\0"u8.ToArray();
    private static readonly byte[] FingerprintInfo = "turen/agent-state/v1/machine\0"u8.ToArray();

    public static byte[] Encode(AgentState state, ReadOnlySpan<byte> machineSecret, string machineId)
    {
        var payload = new ArrayBufferWriter<byte>(4096);
        byte[] key = new byte[32];
        try
        {
            WritePayload(payload, state);
            int plaintextLength = payload.WrittenCount;
            byte[] file = new byte[HeaderSize + plaintextLength + TagSize + IntegritySize];
            Span<byte> header = file.AsSpan(0, HeaderSize);
            Magic.CopyTo(header);
            header[8] = Version;
            Fingerprint(machineSecret, machineId, header.Slice(9, FingerprintSize));
            Span<byte> salt = header.Slice(9 + FingerprintSize, SaltSize);
            Span<byte> nonce = header.Slice(9 + FingerprintSize + SaltSize, NonceSize);
            RandomNumberGenerator.Fill(salt);
            RandomNumberGenerator.Fill(nonce);
            DeriveKey(machineSecret, salt, machineId, key);
            using (var aes = new AesGcm(key, TagSize))
            {
                aes.Encrypt(
                    nonce,
                    payload.WrittenSpan,
                    file.AsSpan(HeaderSize, plaintextLength),
                    file.AsSpan(HeaderSize + plaintextLength, TagSize),
                    header);
            }

            SHA256.HashData(file.AsSpan(0, file.Length - IntegritySize)).AsSpan(0, IntegritySize).CopyTo(file.AsSpan(file.Length - IntegritySize));
            return file;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            payload.Clear();
        }
    }

    /// <summary>True when the file is complete and undamaged (says nothing about which machine can open it).</summary>
    public static bool HasIntegrity(ReadOnlySpan<byte> file)
    {
        if (file.Length < MinimumSize || !file.Slice(0, Magic.Length).SequenceEqual(Magic))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(file.Slice(0, file.Length - IntegritySize), digest);
        return digest.Slice(0, IntegritySize).SequenceEqual(file.Slice(file.Length - IntegritySize));
    }

    /// <exception cref="AgentStateCorruptedException">The file is damaged.</exception>
    /// <exception cref="MachineMismatchException">The file was written for another machine or machine secret.</exception>
    public static AgentState Decode(ReadOnlySpan<byte> file, ReadOnlySpan<byte> machineSecret, string machineId, string path, string? backupPath)
    {
        if (!HasIntegrity(file))
        {
            throw Corrupted(path, "it is truncated or damaged (checksum mismatch)", backupPath);
        }

        if (file[8] != Version)
        {
            throw Corrupted(path, $"its format version {file[8]} is not supported (expected {Version})", backupPath);
        }

        ReadOnlySpan<byte> header = file.Slice(0, HeaderSize);
        Span<byte> fingerprint = stackalloc byte[FingerprintSize];
        Fingerprint(machineSecret, machineId, fingerprint);
        if (!CryptographicOperations.FixedTimeEquals(fingerprint, header.Slice(9, FingerprintSize)))
        {
            throw new MachineMismatchException(
                $"Machine mismatch: the agent state file {path} was written on another machine (or under another machine secret) and is bound to it. " +
                "Enrol this machine with `turen agent init --force`.");
        }

        int plaintextLength = file.Length - MinimumSize;
        byte[] plaintext = ArrayPool<byte>.Shared.Rent(Math.Max(plaintextLength, 1));
        byte[] key = new byte[32];
        try
        {
            DeriveKey(machineSecret, header.Slice(9 + FingerprintSize, SaltSize), machineId, key);
            using (var aes = new AesGcm(key, TagSize))
            {
                try
                {
                    aes.Decrypt(
                        header.Slice(9 + FingerprintSize + SaltSize, NonceSize),
                        file.Slice(HeaderSize, plaintextLength),
                        file.Slice(HeaderSize + plaintextLength, TagSize),
                        plaintext.AsSpan(0, plaintextLength),
                        header);
                }
                catch (AuthenticationTagMismatchException)
                {
                    throw Corrupted(path, "it failed authentication (modified after it was written)", backupPath);
                }
            }

            return ReadPayload(plaintext.AsSpan(0, plaintextLength)) ?? throw Corrupted(path, "its content is not a valid agent state", backupPath);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext.AsSpan(0, plaintextLength));
            ArrayPool<byte>.Shared.Return(plaintext);
        }
    }

    private static AgentStateCorruptedException Corrupted(string path, string why, string? backupPath) =>
        new(
            $"The agent state file {path} is corrupted: {why}. " +
            (backupPath is null
                ? "There is no backup; enrol again with `turen agent init --force`."
                : $"The last good state is kept in {backupPath}; restore it with `turen agent restore`."),
            backupPath);

    private static void DeriveKey(ReadOnlySpan<byte> machineSecret, ReadOnlySpan<byte> salt, string machineId, Span<byte> key) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, machineSecret, key, salt, Info(KeyInfo, machineId));

    private static void Fingerprint(ReadOnlySpan<byte> machineSecret, string machineId, Span<byte> destination) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, machineSecret, destination, ReadOnlySpan<byte>.Empty, Info(FingerprintInfo, machineId));

    private static byte[] Info(byte[] label, string machineId)
    {
        byte[] info = new byte[label.Length + Encoding.UTF8.GetByteCount(machineId)];
        label.CopyTo(info, 0);
        Encoding.UTF8.GetBytes(machineId, info.AsSpan(label.Length));
        return info;
    }

    private static void WritePayload(IBufferWriter<byte> output, AgentState state)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("secret", state.Secret.AsciiBytes);
        writer.WriteNumber("generation", state.Generation);
        writer.WriteString("createdAt", state.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("updatedAt", state.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteStartObject("settings");
        foreach (KeyValuePair<string, string> setting in state.Settings)
        {
            writer.WriteString(setting.Key, setting.Value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static AgentState? ReadPayload(ReadOnlySpan<byte> json)
    {
        AgentSecret? secret = null;
        long generation = 0;
        DateTimeOffset? createdAt = null;
        DateTimeOffset? updatedAt = null;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "secret" when reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped:
                        secret?.Dispose();
                        secret = AgentSecret.TryParseAscii(reader.ValueSpan);
                        break;
                    case "generation" when reader.TokenType == JsonTokenType.Number:
                        generation = reader.GetInt64();
                        break;
                    case "createdAt" when reader.TokenType == JsonTokenType.String:
                        createdAt = DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                        break;
                    case "updatedAt" when reader.TokenType == JsonTokenType.String:
                        updatedAt = DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                        break;
                    case "settings" when reader.TokenType == JsonTokenType.StartObject:
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            string key = reader.GetString()!;
                            reader.Read();
                            settings[key] = reader.GetString()!;
                        }

                        break;
                    default:
                        // Unknown members are skipped so that a newer minor writer stays readable.
                        reader.Skip();
                        break;
                }
            }

            if (secret is null || generation < 1 || createdAt is null || updatedAt is null)
            {
                secret?.Dispose();
                return null;
            }

            return new AgentState(secret, settings, generation, createdAt.Value, updatedAt.Value);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            secret?.Dispose();
            return null;
        }
    }
}
