using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Turen.Sdk.Credentials;
using Turen.Sdk.Envelope;
using Turen.Sdk.Fields;
using Turen.Sdk.Keys;
using Xunit.Abstractions;

namespace Turen.Sdk.Hardening.Tests.Secrets;

/// <summary>
/// Runs the SDK's main operations — org key manager, session blobs, generated field serializers, agent state, API keys —
/// with a capturing logger, provokes their failures, and scans every log line, exception (message and ToString) and
/// object ToString for the secrets used: plaintext, DEKs and wrapping keys (hex, base64, base64url), agent secrets,
/// API keys and the machine secret.
/// </summary>
public sealed class SecretsNeverEscapeTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "turen-secrets-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly FakeLogCollector _logs = new();
    private readonly List<string> _texts = new();
    private readonly List<(string Name, string Value)> _secrets = new();

    [Fact]
    public async Task No_secret_appears_in_logs_exceptions_or_ToString()
    {
        using ILoggerFactory loggers = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(_logs)).SetMinimumLevel(LogLevel.Trace));
        await KeyManagerAndSessionBlobs(loggers);
        await FieldsThroughTheGenerator();
        AgentState();
        await ApiKeys();

        IReadOnlyList<FakeLogRecord> logged = _logs.GetSnapshot();
        _texts.AddRange(logged.SelectMany(LogTexts));
        output.WriteLine($"{_texts.Count} texts scanned for {_secrets.Count} secret encodings");
        Assert.True(logged.Count > 0, "The operations logged nothing, so the log scan proves nothing.");
        var leaks = (from text in _texts from secret in _secrets where text.Contains(secret.Value, StringComparison.Ordinal) select $"{secret.Name} in: {text}").ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Take(10)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task KeyManagerAndSessionBlobs(ILoggerFactory loggers)
    {
        byte[] kekBytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        AddBytes("KEK", kekBytes);
        using var local = LocalKeyEncryptionKey.FromKeyBytes(kekBytes);
        var kek = new RecordingKeyEncryptionKey(local);
        var store = new InMemoryOrgKeyStore();
        using var keyManager = new OrgKeyManager(store, kek, logger: loggers.CreateLogger<OrgKeyManager>());
        await keyManager.CreateOrgAsync("acme");
        await keyManager.RotateAsync("acme");
        string plaintext = "session-plaintext-" + Guid.NewGuid().ToString("N");
        AddText("session plaintext", plaintext);

        var keyring = new OrgSessionKeyring(keyManager, "acme");
        byte[] blob = SessionBlob.Seal(Encoding.UTF8.GetBytes(plaintext), keyring, new SealOptions { OrgId = "acme", SessionId = "s-1" });
        Assert.Equal(plaintext, Encoding.UTF8.GetString(SessionBlob.Open(blob, keyring)));
        Describe(keyManager, keyManager.Statistics, keyring, SessionBlob.ReadUnverifiedHeader(blob));
        using (OrgDataKey active = await keyManager.GetActiveKeyAsync("acme"))
        {
            Describe(active);
        }

        byte[] tampered = (byte[])blob.Clone();
        tampered[^20] ^= 1;
        Capture(() => SessionBlob.Open(tampered, keyring));
        Capture(() => SessionBlob.Open(blob, new OrgSessionKeyring(keyManager, "other")));
        Capture(() => SessionBlob.Open(blob, keyring, new OpenOptions { ExpectedContext = EncryptionContext.Of("turen.org", "evil") }));
        Capture(() => SessionBlob.Open(blob.AsSpan(0, blob.Length - 5), keyring));

        // The same store read under another KEK: every unwrap fails and is logged.
        using var otherKek = LocalKeyEncryptionKey.Generate();
        using var wrongRing = new OrgKeyManager(store, otherKek, logger: loggers.CreateLogger<OrgKeyManager>());
        await CaptureAsync(async () => await wrongRing.GetKeyAsync("acme", 1));
        Capture(() => SessionBlob.Open(blob, new OrgSessionKeyring(wrongRing, "acme")));
        await CaptureAsync(async () => await keyManager.GetKeyAsync("acme", 99));

        byte[] wrapping = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        AddBytes("raw AES wrapping key", wrapping);
        using RawAesKeyring raw = RawAesKeyring.Create("turen", "raw", wrapping);
        Describe(raw);
        Capture(() => SessionBlob.Open(blob, raw));

        foreach (byte[] dek in kek.Generated)
        {
            AddBytes("DEK", dek);
        }

        Assert.NotEmpty(kek.Generated);
    }

    private async Task FieldsThroughTheGenerator()
    {
        byte[] dekBytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        AddBytes("field DEK", dekBytes);
        using var keys = new FixedOrgKeyProvider().Add("acme", 1, dekBytes);
        using FieldProtector protector = await FieldProtector.CreateAsync(keys, "acme", new FieldProtectorOptions { PasswordMemoryKiB = 64, PasswordIterations = 1 });
        var record = new SecretRecord
        {
            TenantId = "tenant-1",
            Label = "public label",
            Note = "field-note-" + Guid.NewGuid().ToString("N"),
            Blob = System.Security.Cryptography.RandomNumberGenerator.GetBytes(24),
            Token = "field-token-" + Guid.NewGuid().ToString("N"),
            Password = "field-password-" + Guid.NewGuid().ToString("N"),
        };
        AddText("encrypted note", record.Note);
        AddBytes("encrypted blob", record.Blob);
        AddText("hashed token", record.Token);
        AddText("password", record.Password);

        string json = TurenSerializer.Serialize(record, protector);
        _texts.Add(json);
        SecretRecord read = TurenSerializer.Deserialize<SecretRecord>(json, protector);
        Assert.Equal(record.Note, read.Note);
        Describe(record, read, protector, SecretRecord.HashedFields.Token);

        Capture(() => TurenSerializer.Deserialize<SecretRecord>(json.Replace("tenant-1", "tenant-2", StringComparison.Ordinal), protector));
        Capture(() => TurenSerializer.Deserialize<SecretRecord>(json[..(json.Length / 2)], protector));
        int note = json.IndexOf("\"Note\":\"", StringComparison.Ordinal) + 12;
        Capture(() => TurenSerializer.Deserialize<SecretRecord>(json[..note] + (json[note] == 'A' ? 'B' : 'A') + json[(note + 1)..], protector));
    }

    private void AgentState()
    {
        var store = new AgentStateStore(_home, new FakeMachineIdentifierSource("machine-a"));
        using AgentSecret secret = AgentSecret.Generate();
        AddToken("agent secret", secret.Reveal());
        using (AgentState state = store.Initialize(secret, new Dictionary<string, string> { ["endpoint"] = "https://example" }))
        {
            Describe(state, state.Secret);
        }

        using (AgentState rotated = store.Rotate())
        {
            AddToken("rotated agent secret", rotated.Secret.Reveal());
            Describe(rotated, rotated.Secret);
        }

        foreach (string file in Directory.GetFiles(_home, "*.key"))
        {
            AddBytes("machine secret", File.ReadAllBytes(file));
        }

        Capture(() => new AgentStateStore(_home, new FakeMachineIdentifierSource("machine-b")).Load());
        byte[] bytes = File.ReadAllBytes(store.StatePath);
        bytes[^30] ^= 1;
        File.WriteAllBytes(store.StatePath, bytes);
        Capture(() => store.Load());
        Capture(() => store.Initialize());
        Capture(() => AgentSecret.Parse(secret.Reveal()[..^1] + "x"));
    }

    private async Task ApiKeys()
    {
        byte[] hashKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(ApiKeyHashKey.KeySize);
        AddBytes("API-key hash key", hashKey);
        var service = new ApiKeyService(new InMemoryApiKeyStore(), ApiKeyHashKey.Import(hashKey));
        using CreatedApiKey created = await service.CreateAsync("ci");
        string key = created.Key.Reveal();
        AddToken("API key", key);
        Describe(created, created.Key, created.Info, await service.VerifyAsync(key), await service.VerifyAsync(key[..^2] + "zz"));
        Describe(await service.ListAsync());
        Capture(() => ApiKey.Parse(key[..^1]));
        Capture(() => ApiKey.Parse(key.Replace("ak_", "as_", StringComparison.Ordinal)));
        await service.RevokeAsync(created.Info.Id);
        Describe(await service.VerifyAsync(key));
    }

    private void AddText(string name, string value)
    {
        _secrets.Add((name, value));
        _secrets.Add((name + " (inner 16)", value.Substring(value.Length / 2 - 8, 16)));
    }

    private void AddToken(string name, string token)
    {
        _secrets.Add((name, token));
        _secrets.Add((name + " body", token.Substring(8, 32)));
        _secrets.Add((name + " body (inner 12)", token.Substring(18, 12)));
    }

    private void AddBytes(string name, byte[] value)
    {
        string hex = Convert.ToHexString(value);
        string base64 = Convert.ToBase64String(value);
        _secrets.Add((name + " hex", hex));
        _secrets.Add((name + " hex", hex.ToLowerInvariant()));
        _secrets.Add((name + " hex (first 16)", hex[..16]));
        _secrets.Add((name + " hex (first 16)", hex[..16].ToLowerInvariant()));
        _secrets.Add((name + " base64", base64.TrimEnd('=')));
        _secrets.Add((name + " base64url", base64.TrimEnd('=').Replace('+', '-').Replace('/', '_')));
        _secrets.Add((name + " base64 (first 16)", base64[..16]));
        _secrets.Add((name + " as text", string.Join(", ", value)));
    }

    private void Describe(params object?[] values)
    {
        foreach (object? value in values)
        {
            _texts.Add(value is System.Collections.IEnumerable list and not string
                ? string.Join(" | ", list.Cast<object?>().Select(v => v?.ToString()))
                : value?.ToString() ?? string.Empty);
        }
    }

    private void Capture(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            _texts.Add(ex.ToString());
            _texts.Add(ex.Message);
            return;
        }

        throw new Xunit.Sdk.XunitException("The provoked failure did not happen.");
    }

    private async Task CaptureAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            _texts.Add(ex.ToString());
            return;
        }

        throw new Xunit.Sdk.XunitException("The provoked failure did not happen.");
    }

    /// <summary>Every text a log sink could write for one event: message, exception, each structured value, each scope.</summary>
    private static IEnumerable<string> LogTexts(FakeLogRecord record)
    {
        yield return $"{record.Category} [{record.Level}] {record.Id}: {record.Message} {record.Exception}";
        if (record.State is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (KeyValuePair<string, object?> value in values)
            {
                // Bytes as hex: the secrets are searched for in hex and base64 as well.
                yield return $"{record.Category} {value.Key}={(value.Value is byte[] bytes ? Convert.ToHexString(bytes) : value.Value)}";
            }
        }

        foreach (object? scope in record.Scopes)
        {
            yield return $"{record.Category} scope: {scope}";
        }
    }
}
