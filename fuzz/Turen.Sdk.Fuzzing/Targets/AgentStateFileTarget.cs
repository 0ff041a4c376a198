using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Turen.Sdk.Credentials;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Fuzzing.Targets;

/// <summary>
/// The agent state file reader. The first input byte picks the layer: even — the rest is the file as read from disk;
/// odd — the rest is the JSON payload, which the harness seals into an authentic file first, so that mutations reach the
/// payload reader behind AES-GCM. Only <see cref="AgentStateCorruptedException"/> and
/// <see cref="MachineMismatchException"/> may escape, and a raw file that opens must carry the seed's secret (nothing else
/// was ever sealed under the fuzz machine secret).
/// </summary>
public sealed class AgentStateFileTarget : IFuzzTarget
{
    private const string MachineId = "fuzz-machine";
    private const string StatePath = "/fuzz/agent-state.bin";
    private static readonly byte[] MachineSecret = FuzzKeys.FieldKey(7);
    private static readonly string SeedSecret = MakeSecret();

    /// <inheritdoc />
    public string Name => "agent-state";

    /// <inheritdoc />
    public string Description => "AgentStateFileFormat.Decode of a file or of a sealed payload; AgentStateCorruptedException or MachineMismatchException only.";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        bool payloadMode = (input[0] & 1) == 1;
        byte[] file = payloadMode ? SealPayload(input[1..]) : input[1..].ToArray();
        try
        {
            using AgentState state = AgentStateFileFormat.Decode(file, MachineSecret, MachineId, StatePath, backupPath: null);
            if (!payloadMode && state.Secret.Reveal() != SeedSecret)
            {
                throw new FuzzPropertyException("A file that was never sealed opened.");
            }

            if (state.Generation < 1 || state.Settings is null)
            {
                throw new FuzzPropertyException("Decode returned an incomplete state.");
            }

            foreach (KeyValuePair<string, string> setting in state.Settings)
            {
                _ = setting.Key.Length + setting.Value.Length;
            }
        }
        catch (AgentStateCorruptedException ex)
        {
            CheckMessage(ex);
        }
        catch (MachineMismatchException ex)
        {
            CheckMessage(ex);
        }
    }

    /// <inheritdoc />
    public IEnumerable<byte[]> CreateSeeds()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["endpoint"] = "https://api.example", ["ä"] = "✓" };
        using (var state = new AgentState(AgentSecret.Parse(SeedSecret), settings, 3, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1)))
        {
            yield return Prefixed(0, AgentStateFileFormat.Encode(state, MachineSecret, MachineId));
        }

        yield return Prefixed(1, Encoding.UTF8.GetBytes(
            "{\"secret\":\"" + SeedSecret + "\",\"generation\":1,\"createdAt\":\"2026-01-01T00:00:00.0000000+00:00\"," +
            "\"updatedAt\":\"2026-01-02T00:00:00.0000000+00:00\",\"settings\":{\"a\":\"b\"},\"future\":[1,{\"x\":null}]}"));
    }

    private static void CheckMessage(Exception ex)
    {
        if (ex.Message.Contains(SeedSecret, StringComparison.Ordinal))
        {
            throw new FuzzPropertyException("An agent state error message contains the agent secret.");
        }
    }

    private static byte[] Prefixed(byte mode, byte[] rest)
    {
        byte[] input = new byte[rest.Length + 1];
        input[0] = mode;
        rest.CopyTo(input, 1);
        return input;
    }

    /// <summary>A fixed, well-formed agent secret (the body is constant, the checksum is computed).</summary>
    private static string MakeSecret()
    {
        string head = SecretTokenFormat.AgentTestPrefix + "FuzzFuzzFuzzFuzzFuzzFuzzFuzzFuzz";
        return head + SecretTokenFormat.Checksum(head, head.Length);
    }

    // Mirrors AgentStateFileFormat.Encode (magic, version, machine fingerprint, salt, nonce, AES-GCM, SHA-256 check) for an
    // arbitrary payload, with a zero salt and nonce so that an input always maps to the same file.
    private static byte[] SealPayload(ReadOnlySpan<byte> payload)
    {
        int header = AgentStateFileFormat.HeaderSize;
        byte[] file = new byte[header + payload.Length + AgentStateFileFormat.TagSize + AgentStateFileFormat.IntegritySize];
        "TURNAGST"u8.CopyTo(file);
        file[8] = AgentStateFileFormat.Version;
        HKDF.DeriveKey(HashAlgorithmName.SHA256, MachineSecret, file.AsSpan(9, AgentStateFileFormat.FingerprintSize), ReadOnlySpan<byte>.Empty, Info("turen/agent-state/v1/machine\0"u8));
        Span<byte> salt = file.AsSpan(9 + AgentStateFileFormat.FingerprintSize, AgentStateFileFormat.SaltSize);
        Span<byte> nonce = file.AsSpan(9 + AgentStateFileFormat.FingerprintSize + AgentStateFileFormat.SaltSize, AgentStateFileFormat.NonceSize);
        byte[] key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, MachineSecret, key, salt, Info("turen/agent-state/v1/key\0"u8));
        using (var aes = new AesGcm(key, AgentStateFileFormat.TagSize))
        {
            aes.Encrypt(nonce, payload, file.AsSpan(header, payload.Length), file.AsSpan(header + payload.Length, AgentStateFileFormat.TagSize), file.AsSpan(0, header));
        }

        int checkedLength = file.Length - AgentStateFileFormat.IntegritySize;
        SHA256.HashData(file.AsSpan(0, checkedLength)).AsSpan(0, AgentStateFileFormat.IntegritySize).CopyTo(file.AsSpan(checkedLength));
        return file;
    }

    private static byte[] Info(ReadOnlySpan<byte> label)
    {
        byte[] info = new byte[label.Length + Encoding.UTF8.GetByteCount(MachineId)];
        label.CopyTo(info);
        Encoding.UTF8.GetBytes(MachineId, info.AsSpan(label.Length));
        return info;
    }
}
