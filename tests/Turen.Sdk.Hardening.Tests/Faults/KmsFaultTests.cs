using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Turen.Sdk.Envelope;
using Turen.Sdk.Keys;
using Turen.Sdk.Kms;
using Xunit.Abstractions;

namespace Turen.Sdk.Hardening.Tests.Faults;

/// <summary>
/// 1,000 session opens through the org key manager, the real AWS SDK client and the loopback fake KMS, with throttling
/// storms, 5xx, timeouts and access-denied injected mid-stream. Every open returns the sealed plaintext or throws a
/// <see cref="KeyEncryptionKeyException"/> of the fault's kind; failures are never cached; the manager recovers.
/// </summary>
public sealed class KmsFaultTests(ITestOutputHelper output) : IDisposable
{
    private const int Orgs = 12;
    private const int VersionsPerOrg = 3;
    private const int Opens = 1000;
    private readonly FakeKmsServer _server = new();

    [Fact]
    public async Task A_thousand_opens_through_fault_storms_succeed_or_fail_typed_and_recover()
    {
        string keyId = _server.CreateKey("alias/turen-faults");
        var store = new InMemoryOrgKeyStore();
        var blobs = new List<(string Org, byte[] Blob, byte[] Plaintext)>();
        using (var writer = new OrgKeyManager(store, Kek(keyId, retries: 2)))
        {
            for (int org = 0; org < Orgs; org++)
            {
                string orgId = "org-" + org;
                await writer.CreateOrgAsync(orgId);
                for (int version = 1; version <= VersionsPerOrg; version++)
                {
                    if (version > 1)
                    {
                        await writer.RotateAsync(orgId);
                    }

                    byte[] plaintext = System.Text.Encoding.UTF8.GetBytes($"session of {orgId} under v{version}");
                    blobs.Add((orgId, SessionBlob.Seal(plaintext, new OrgSessionKeyring(writer, orgId), new SealOptions { OrgId = orgId, SessionId = "s" }), plaintext));
                }
            }
        }

        // A small cache (8 of 36 org versions) keeps KMS in the path of most opens, so that the faults are met.
        var options = new OrgKeyManagerOptions { Cache = new OrgKeyCacheOptions { MaxEntries = 8, TimeToLive = TimeSpan.FromMinutes(10) } };
        using var reader = new OrgKeyManager(store, Kek(keyId, retries: 1, timeoutSeconds: 1), options);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failedBlobs = new List<int>();
        var random = new Random(7);
        for (int i = 0; i < Opens; i++)
        {
            InjectScheduledFaults(i);
            int pick = random.Next(blobs.Count);
            (string org, byte[] blob, byte[] plaintext) = blobs[pick];
            int decryptsBefore = _server.Count("Decrypt");
            try
            {
                byte[] opened = SessionBlob.Open(blob, new OrgSessionKeyring(reader, org));
                Assert.Equal(plaintext, opened);
                Count(outcomes, "ok");
            }
            catch (KeyEncryptionKeyException ex)
            {
                Assert.True(ex is KeyServiceThrottledException or KeyServiceUnavailableException or KeyServiceTimeoutException or KeyAccessDeniedException,
                    $"open {i}: unexpected {ex.GetType().Name}: {ex.Message}");
                Assert.True(_server.Count("Decrypt") > decryptsBefore, "A KMS failure was served without asking KMS (a cached failure).");
                Count(outcomes, ex.GetType().Name);
                failedBlobs.Add(pick);
            }
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value}")));
        output.WriteLine($"KMS Decrypt calls: {_server.Count("Decrypt")}, {reader.Statistics}");
        Assert.Equal(Opens, outcomes.Values.Sum());
        Assert.True(outcomes.GetValueOrDefault("ok") > Opens / 2, "Most opens should succeed between storms.");
        foreach (string kind in new[] { nameof(KeyServiceThrottledException), nameof(KeyServiceUnavailableException), nameof(KeyServiceTimeoutException), nameof(KeyAccessDeniedException) })
        {
            Assert.True(outcomes.ContainsKey(kind), $"The schedule never produced {kind}.");
        }

        // The faults have cleared: every blob that failed opens now, and no failure was remembered.
        await Task.Delay(TimeSpan.FromSeconds(2)); // let the slow answers drain
        foreach (int pick in failedBlobs.Distinct())
        {
            (string org, byte[] blob, byte[] plaintext) = blobs[pick];
            Assert.Equal(plaintext, SessionBlob.Open(blob, new OrgSessionKeyring(reader, org)));
        }
    }

    [Fact]
    public async Task A_cached_key_serves_opens_while_kms_is_down_and_an_uncached_one_fails_typed()
    {
        string keyId = _server.CreateKey();
        var store = new InMemoryOrgKeyStore();
        using var keyManager = new OrgKeyManager(store, Kek(keyId, retries: 0));
        await keyManager.CreateOrgAsync("warm");
        await keyManager.CreateOrgAsync("cold");
        byte[] warm = SessionBlob.Seal("w"u8, new OrgSessionKeyring(keyManager, "warm"), new SealOptions { OrgId = "warm", SessionId = "s" });
        byte[] cold;
        using (var other = new OrgKeyManager(store, Kek(keyId, retries: 0)))
        {
            cold = SessionBlob.Seal("c"u8, new OrgSessionKeyring(other, "cold"), new SealOptions { OrgId = "cold", SessionId = "s" });
        }

        using var reader = new OrgKeyManager(store, Kek(keyId, retries: 0));
        Assert.Equal("w"u8.ToArray(), SessionBlob.Open(warm, new OrgSessionKeyring(reader, "warm")));
        _server.Inject(KmsFault.AccessDenied, 2);
        int before = _server.Count("Decrypt");

        Assert.Equal("w"u8.ToArray(), SessionBlob.Open(warm, new OrgSessionKeyring(reader, "warm")));
        Assert.Throws<KeyAccessDeniedException>(() => SessionBlob.Open(cold, new OrgSessionKeyring(reader, "cold")));
        Assert.Throws<KeyAccessDeniedException>(() => SessionBlob.Open(cold, new OrgSessionKeyring(reader, "cold")));
        Assert.Equal(before + 2, _server.Count("Decrypt"));

        _server.Inject(KmsFault.InternalError, 1);
        Assert.Throws<KeyServiceUnavailableException>(() => SessionBlob.Open(cold, new OrgSessionKeyring(reader, "cold")));
        Assert.Equal("c"u8.ToArray(), SessionBlob.Open(cold, new OrgSessionKeyring(reader, "cold")));
        int settled = _server.Count("Decrypt");
        Assert.Equal("c"u8.ToArray(), SessionBlob.Open(cold, new OrgSessionKeyring(reader, "cold")));
        Assert.Equal(settled, _server.Count("Decrypt"));
    }

    public void Dispose() => _server.Dispose();

    private void InjectScheduledFaults(int i)
    {
        switch (i)
        {
            case 100:
                _server.Inject(KmsFault.Throttling, 40); // a throttling storm
                break;
            case 250:
                _server.Inject(KmsFault.InternalError, 15);
                _server.Inject(KmsFault.ServiceUnavailable, 15);
                break;
            case 400:
                _server.Inject(KmsFault.Slow(TimeSpan.FromSeconds(3)), 4); // beyond the 1 s client timeout
                break;
            case 550:
                _server.Inject(KmsFault.AccessDenied, 25);
                break;
            case 700:
                for (int k = 0; k < 10; k++)
                {
                    _server.Inject(KmsFault.Throttling);
                    _server.Inject(KmsFault.ServiceUnavailable);
                    _server.Inject(KmsFault.AccessDenied);
                }

                break;
        }
    }

    private KmsKeyEncryptionKey Kek(string keyId, int retries, double timeoutSeconds = 5) => new(
        new AmazonKeyManagementServiceClient(
            new BasicAWSCredentials("AKIDEXAMPLE", "fault-test-secret"),
            KmsKeyEncryptionKey.CreateClientConfig(new KmsKeyEncryptionKeyOptions
            {
                KeyId = keyId,
                ServiceUrl = _server.Url,
                Region = FakeKmsServer.Region,
                MaxErrorRetry = retries,
                Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            })),
        keyId);

    private static void Count(Dictionary<string, int> outcomes, string key) => outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
}
