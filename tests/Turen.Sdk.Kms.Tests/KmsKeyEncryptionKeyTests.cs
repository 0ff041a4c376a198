using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Kms.Tests;

/// <summary>The KMS KEK through the real AWS SDK client, pointed at <see cref="FakeKmsServer"/> on loopback.</summary>
public sealed class KmsKeyEncryptionKeyTests : IDisposable
{
    private readonly FakeKmsServer _server = new();
    private readonly string _keyId;

    public KmsKeyEncryptionKeyTests() => _keyId = _server.CreateKey("alias/turen");

    private AmazonKeyManagementServiceClient Client(int retries = 2, double timeoutSeconds = 5) => new(
        new BasicAWSCredentials("AKIDEXAMPLE", "test-secret"),
        KmsKeyEncryptionKey.CreateClientConfig(new KmsKeyEncryptionKeyOptions
        {
            KeyId = _keyId,
            ServiceUrl = _server.Url,
            Region = FakeKmsServer.Region,
            MaxErrorRetry = retries,
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        }));

    private KmsKeyEncryptionKey Kek(string? keyId = null, int retries = 2, double timeoutSeconds = 5) => new(Client(retries, timeoutSeconds), keyId ?? _keyId);

    [Theory]
    [InlineData("id")]
    [InlineData("arn")]
    [InlineData("alias/turen")]
    [InlineData("alias-arn")]
    public async Task Generate_and_unwrap_round_trip_with_every_way_of_naming_the_key(string naming)
    {
        string keyId = naming switch
        {
            "id" => _keyId,
            "arn" => FakeKmsServer.Arn(_keyId),
            "alias-arn" => $"arn:aws:kms:{FakeKmsServer.Region}:{FakeKmsServer.Account}:alias/turen",
            _ => naming,
        };
        KmsKeyEncryptionKey kek = Kek(keyId);

        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("acme", 2));
        using OrgDataKey unwrapped = await kek.UnwrapAsync(new OrgKeyContext("acme", 2), generated.WrappedKey);

        Assert.True(unwrapped.KeyBytes.SequenceEqual(generated.Key.KeyBytes));
        Assert.Equal(keyId, kek.KeyId);
        Assert.Equal(1, _server.Count("GenerateDataKey"));
        Assert.Equal(1, _server.Count("Decrypt"));
    }

    [Fact]
    public async Task The_encryption_context_and_key_id_are_sent_to_kms()
    {
        KmsKeyEncryptionKey kek = Kek();
        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("acme", 7));
        using OrgDataKey unwrapped = await kek.UnwrapAsync(new OrgKeyContext("acme", 7), generated.WrappedKey);

        foreach ((string operation, System.Text.Json.JsonElement body) in _server.Requests)
        {
            System.Text.Json.JsonElement context = body.GetProperty("EncryptionContext");
            Assert.Equal("acme", context.GetProperty("turen.org").GetString());
            Assert.Equal("7", context.GetProperty("turen.org-dek-version").GetString());
            Assert.Equal(_keyId, body.GetProperty("KeyId").GetString());
            Assert.Contains(operation, new[] { "GenerateDataKey", "Decrypt" });
        }
    }

    [Fact]
    public async Task Wrap_uses_encrypt_for_an_existing_key()
    {
        KmsKeyEncryptionKey kek = Kek();
        using OrgDataKey key = OrgDataKey.Generate("acme", 1);

        byte[] wrapped = await kek.WrapAsync(key);
        using OrgDataKey back = await kek.UnwrapAsync(new OrgKeyContext("acme", 1), wrapped);

        Assert.True(back.KeyBytes.SequenceEqual(key.KeyBytes));
        Assert.Equal(1, _server.Count("Encrypt"));
    }

    [Theory]
    [InlineData("other", 1)]
    [InlineData("acme", 2)]
    public async Task A_wrapped_key_does_not_unwrap_under_another_context(string org, int version)
    {
        KmsKeyEncryptionKey kek = Kek();
        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("acme", 1));

        await Assert.ThrowsAsync<KeyUnwrapException>(async () => await kek.UnwrapAsync(new OrgKeyContext(org, version), generated.WrappedKey));
    }

    [Fact]
    public async Task A_key_wrapped_under_another_kms_key_is_refused()
    {
        string otherId = _server.CreateKey();
        using GeneratedOrgDataKey generated = await Kek(otherId).GenerateAsync(new OrgKeyContext("acme", 1));

        await Assert.ThrowsAsync<KeyUnwrapException>(async () => await Kek().UnwrapAsync(new OrgKeyContext("acme", 1), generated.WrappedKey));
        await Assert.ThrowsAsync<KeyUnwrapException>(async () => await Kek().UnwrapAsync(new OrgKeyContext("acme", 1), new byte[] { 1, 2, 3 }));
        await Assert.ThrowsAsync<KeyUnwrapException>(async () => await Kek().UnwrapAsync(new OrgKeyContext("acme", 1), ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public async Task ReEncrypt_moves_a_key_to_another_kms_key_without_decrypting_it_here()
    {
        string newId = _server.CreateKey("alias/turen-next");
        KmsKeyEncryptionKey oldKek = Kek();
        KmsKeyEncryptionKey newKek = Kek("alias/turen-next");
        using GeneratedOrgDataKey generated = await oldKek.GenerateAsync(new OrgKeyContext("acme", 1));

        byte[]? moved = await newKek.TryRewrapFromAsync(oldKek, new OrgKeyContext("acme", 1), generated.WrappedKey);

        Assert.NotNull(moved);
        Assert.Equal(1, _server.Count("ReEncrypt"));
        Assert.Equal(0, _server.Count("Decrypt"));
        using OrgDataKey back = await Kek(newId).UnwrapAsync(new OrgKeyContext("acme", 1), moved);
        Assert.True(back.KeyBytes.SequenceEqual(generated.Key.KeyBytes));
        using var local = LocalKeyEncryptionKey.Generate();
        Assert.Null(await newKek.TryRewrapFromAsync(local, new OrgKeyContext("acme", 1), generated.WrappedKey));
    }

    [Fact]
    public async Task Throttling_is_retried_in_standard_mode_and_then_succeeds()
    {
        KmsKeyEncryptionKey kek = Kek(retries: 3);
        _server.Inject(KmsFault.Throttling, times: 2);

        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("acme", 1));

        Assert.Equal(3, _server.Count("GenerateDataKey"));
    }

    [Fact]
    public async Task Persistent_throttling_fails_closed_after_the_retries()
    {
        KmsKeyEncryptionKey kek = Kek(retries: 2);
        _server.Inject(KmsFault.Throttling, times: 10);

        KeyServiceThrottledException ex = await Assert.ThrowsAsync<KeyServiceThrottledException>(async () => await kek.GenerateAsync(new OrgKeyContext("acme", 1)));

        Assert.Equal(3, _server.Count("GenerateDataKey"));
        Assert.Contains("3 attempt", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Server_errors_are_retried_then_reported_as_unavailable(int status)
    {
        KmsKeyEncryptionKey kek = Kek(retries: 1);
        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("acme", 1));
        _server.Inject(status == 500 ? KmsFault.InternalError : KmsFault.ServiceUnavailable, times: 5);

        await Assert.ThrowsAsync<KeyServiceUnavailableException>(async () => await kek.UnwrapAsync(new OrgKeyContext("acme", 1), generated.WrappedKey));
        Assert.Equal(2, _server.Count("Decrypt"));
    }

    [Fact]
    public async Task A_single_server_error_is_absorbed_by_a_retry()
    {
        KmsKeyEncryptionKey kek = Kek(retries: 2);
        _server.Inject(KmsFault.InternalError);

        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("acme", 1));
        Assert.Equal(2, _server.Count("GenerateDataKey"));
    }

    [Fact]
    public async Task A_slow_kms_times_out()
    {
        KmsKeyEncryptionKey kek = Kek(retries: 0, timeoutSeconds: 0.5);
        _server.Inject(KmsFault.Slow(TimeSpan.FromSeconds(3)), times: 3);
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<KeyServiceTimeoutException>(async () => await kek.GenerateAsync(new OrgKeyContext("acme", 1)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task A_slow_answer_within_the_timeout_is_fine()
    {
        KmsKeyEncryptionKey kek = Kek(retries: 0, timeoutSeconds: 5);
        _server.Inject(KmsFault.Slow(TimeSpan.FromMilliseconds(300)));

        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("acme", 1));
        Assert.Equal(1, _server.Count("GenerateDataKey"));
    }

    [Fact]
    public async Task Access_denied_fails_at_once_without_retries()
    {
        KmsKeyEncryptionKey kek = Kek(retries: 3);
        _server.Inject(KmsFault.AccessDenied);

        KeyAccessDeniedException ex = await Assert.ThrowsAsync<KeyAccessDeniedException>(async () => await kek.GenerateAsync(new OrgKeyContext("acme", 1)));

        Assert.Equal(1, _server.Count("GenerateDataKey"));
        Assert.Contains("AccessDeniedException", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_or_missing_key_is_unavailable()
    {
        KmsKeyEncryptionKey kek = Kek();
        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("acme", 1));

        _server.Disable(_keyId);
        Turen.Sdk.Keys.KeyUnavailableException disabled = await Assert.ThrowsAsync<Turen.Sdk.Keys.KeyUnavailableException>(async () => await kek.UnwrapAsync(new OrgKeyContext("acme", 1), generated.WrappedKey));
        Assert.Contains("disabled", disabled.Message, StringComparison.Ordinal);
        Turen.Sdk.Keys.KeyUnavailableException missing = await Assert.ThrowsAsync<Turen.Sdk.Keys.KeyUnavailableException>(async () => await Kek("alias/nothing").GenerateAsync(new OrgKeyContext("acme", 1)));
        Assert.Contains("not found", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_is_unavailable_and_caller_cancellation_stays_cancellation()
    {
        var options = new KmsKeyEncryptionKeyOptions { KeyId = _keyId, ServiceUrl = _server.Url, MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(5) };
        string url = _server.Url;
        _server.Dispose();
        var kek = new KmsKeyEncryptionKey(new AmazonKeyManagementServiceClient(new BasicAWSCredentials("AKIDEXAMPLE", "x"), KmsKeyEncryptionKey.CreateClientConfig(options)), _keyId);

        await Assert.ThrowsAsync<KeyServiceUnavailableException>(async () => await kek.GenerateAsync(new OrgKeyContext("acme", 1)));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await kek.GenerateAsync(new OrgKeyContext("acme", 1), cancelled.Token));
        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_thousand_opens_through_a_key_ring_make_one_kms_call()
    {
        var store = new InMemoryOrgKeyStore();
        KmsKeyEncryptionKey kek = Kek();
        using (var writer = new OrgKeyManager(store, kek))
        {
            await writer.CreateOrgAsync("acme");
        }

        using var reader = new OrgKeyManager(store, kek);
        for (int i = 0; i < 10_000; i++)
        {
            using OrgDataKey key = await reader.GetKeyAsync("acme", 1);
        }

        Assert.Equal(1, _server.Count("Decrypt"));
        Assert.Equal(1, reader.Statistics.KekCalls);
    }

    [Fact]
    public async Task A_key_ring_rewraps_under_a_new_kms_key_with_reencrypt_only()
    {
        var store = new InMemoryOrgKeyStore();
        _server.CreateKey("alias/turen-2027");
        KmsKeyEncryptionKey oldKek = Kek();
        KmsKeyEncryptionKey newKek = Kek("alias/turen-2027");
        byte[] v1;
        using (var keyManager = new OrgKeyManager(store, oldKek))
        {
            await keyManager.CreateOrgAsync("acme");
            await keyManager.RotateAsync("acme");
            v1 = (await keyManager.GetKeyAsync("acme", 1)).KeyBytes.ToArray();
            int decryptsBefore = _server.Count("Decrypt");
            Assert.Equal(2, await keyManager.RewrapAsync("acme", newKek));
            Assert.Equal(2, _server.Count("ReEncrypt"));
            Assert.Equal(decryptsBefore, _server.Count("Decrypt"));
        }

        using var after = new OrgKeyManager(store, newKek);
        using OrgDataKey again = await after.GetKeyAsync("acme", 1);
        Assert.Equal(v1, again.KeyBytes.ToArray());
        Assert.All(await store.ListVersionsAsync("acme"), r => Assert.Equal("alias/turen-2027", r.KekId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("alias/")]
    [InlineData("alias/aws/s3")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData(" alias/x")]
    public void Bad_key_ids_and_options_are_rejected(string? keyId)
    {
        Assert.False(KmsKeyIds.IsValid(keyId));
        Assert.NotEmpty(new KmsKeyEncryptionKeyOptions { KeyId = keyId }.Validate());
        Assert.Throws<ArgumentException>(() => new KmsKeyEncryptionKey(Client(), keyId!));
        Assert.NotEmpty(new KmsKeyEncryptionKeyOptions { KeyId = _keyId, MaxErrorRetry = 11 }.Validate());
        Assert.NotEmpty(new KmsKeyEncryptionKeyOptions { KeyId = _keyId, Timeout = TimeSpan.Zero }.Validate());
        Assert.NotEmpty(new KmsKeyEncryptionKeyOptions { KeyId = _keyId, ServiceUrl = "ftp://x" }.Validate());
        Assert.Empty(new KmsKeyEncryptionKeyOptions { KeyId = "mrk-1234abcd12ab34cd56ef1234567890ab" }.Validate());
    }

    [Fact]
    public void The_client_config_uses_standard_retries()
    {
        AmazonKeyManagementServiceConfig config = KmsKeyEncryptionKey.CreateClientConfig(new KmsKeyEncryptionKeyOptions { KeyId = _keyId, Region = "eu-west-1", MaxErrorRetry = 4 });

        Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
        Assert.Equal(4, config.MaxErrorRetry);
        Assert.Equal("eu-west-1", config.RegionEndpoint.SystemName);
        Assert.Throws<ArgumentException>(() => KmsKeyEncryptionKey.CreateClientConfig(new KmsKeyEncryptionKeyOptions()));
    }

    public void Dispose() => _server.Dispose();
}
