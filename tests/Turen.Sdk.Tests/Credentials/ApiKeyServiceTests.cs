using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Credentials;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Tests.Credentials;

public sealed class ApiKeyServiceTests : IDisposable
{
    private readonly byte[] _hashKeyBytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly ApiKeyHashKey _hashKey;
    private readonly CountingStore _store = new();
    private readonly ApiKeyService _service;

    public ApiKeyServiceTests()
    {
        _hashKey = ApiKeyHashKey.Import(_hashKeyBytes);
        _service = new ApiKeyService(_store, _hashKey);
    }

    public void Dispose() => _hashKey.Dispose();

    [Fact]
    public async Task A_created_key_verifies()
    {
        using CreatedApiKey created = await _service.CreateAsync("ci-uploader");
        ApiKeyVerification result = await _service.VerifyAsync(created.Key.Reveal());
        Assert.True(result.IsValid);
        Assert.Equal(created.Info, result.Key);
        Assert.Equal(created.Key.LookupId, created.Info.Id);
        Assert.Equal("ci-uploader", created.Info.Name);
    }

    [Fact]
    public async Task Only_the_keyed_hash_is_stored()
    {
        using CreatedApiKey created = await _service.CreateAsync("ci");
        ApiKeyRecord stored = (await _store.FindAsync(created.Info.Id))!;
        byte[] expected = HMACSHA256.HashData(_hashKeyBytes, Encoding.ASCII.GetBytes(created.Key.Reveal()));
        Assert.True(stored.KeyHash.SequenceEqual(expected));
        Assert.DoesNotContain(created.Key.Reveal().Substring(16), stored.Info.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_with_the_same_lookup_id_but_another_tail_is_unknown()
    {
        using CreatedApiKey created = await _service.CreateAsync("ci");
        string text = created.Key.Reveal();
        char[] chars = text.ToCharArray();
        chars[30] = chars[30] == 'a' ? 'b' : 'a';
        string forged = new string(chars, 0, 40);
        forged += SecretTokenFormat.Checksum(forged, 40);
        Assert.True(SecretTokenFormat.IsWellFormed(forged));

        ApiKeyVerification result = await _service.VerifyAsync(forged);
        Assert.Equal(ApiKeyVerificationStatus.Unknown, result.Status);
        Assert.Null(result.Key);
    }

    [Fact]
    public async Task An_unknown_key_is_unknown()
    {
        using ApiKey other = ApiKey.Generate();
        Assert.Equal(ApiKeyVerificationStatus.Unknown, (await _service.VerifyAsync(other)).Status);
    }

    [Fact]
    public async Task A_key_hashed_under_another_server_key_is_unknown()
    {
        using CreatedApiKey created = await _service.CreateAsync("ci");
        using ApiKeyHashKey otherKey = ApiKeyHashKey.Generate();
        var other = new ApiKeyService(_store, otherKey);
        Assert.Equal(ApiKeyVerificationStatus.Unknown, (await other.VerifyAsync(created.Key)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer ak_live_")]
    [InlineData("ak_live_000000000000000000000000000000000000XX")]
    [InlineData("as_test_000000000000000000000000000000001oRWF7")]
    public async Task Malformed_text_is_refused_without_a_lookup(string text)
    {
        ApiKeyVerification result = await _service.VerifyAsync(text);
        Assert.Equal(ApiKeyVerificationStatus.Malformed, result.Status);
        Assert.False(result.IsValid);
        Assert.Equal(0, _store.Finds);
    }

    [Fact]
    public async Task A_revoked_key_no_longer_verifies()
    {
        using CreatedApiKey created = await _service.CreateAsync("ci");
        Assert.True(await _service.RevokeAsync(created.Info.Id));
        ApiKeyVerification result = await _service.VerifyAsync(created.Key.Reveal());
        Assert.Equal(ApiKeyVerificationStatus.Revoked, result.Status);
        Assert.False(result.IsValid);
        Assert.True(result.Key!.IsRevoked);
    }

    [Theory]
    [InlineData("ak_live_00000000")]
    [InlineData("not an id")]
    [InlineData("")]
    public async Task Revoking_an_unknown_or_malformed_id_returns_false(string id) => Assert.False(await _service.RevokeAsync(id));

    [Fact]
    public async Task List_shows_keys_without_secrets()
    {
        using CreatedApiKey a = await _service.CreateAsync("a");
        using CreatedApiKey b = await _service.CreateAsync("b", SecretEnvironment.Test);
        await _service.RevokeAsync(a.Info.Id);
        IReadOnlyList<ApiKeyInfo> list = await _service.ListAsync();
        Assert.Equal(2, list.Count);
        Assert.Contains(list, i => i.Id == a.Info.Id && i.IsRevoked);
        Assert.Contains(list, i => i.Id == b.Info.Id && i.Environment == SecretEnvironment.Test && !i.IsRevoked);
        string printed = string.Join("\n", list.Select(i => i.ToString()));
        Assert.DoesNotContain(a.Key.Reveal().Substring(16, 24), printed, StringComparison.Ordinal);
        Assert.DoesNotContain(b.Key.Reveal().Substring(16, 24), printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lookup_id_collision_draws_a_new_key()
    {
        _store.CollisionsToSimulate = 2;
        using CreatedApiKey created = await _service.CreateAsync("ci");
        Assert.True((await _service.VerifyAsync(created.Key)).IsValid);
        Assert.Equal(3, _store.Adds);
    }

    [Fact]
    public async Task Endless_collisions_surface_after_a_few_attempts()
    {
        _store.CollisionsToSimulate = int.MaxValue;
        await Assert.ThrowsAsync<DuplicateApiKeyException>(() => _service.CreateAsync("ci"));
        Assert.Equal(4, _store.Adds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ci\nak_live_Fake0000 live 2026-01-01 active admin")]
    [InlineData("ci\u001b[2Jcleared")]
    [InlineData("tab\tname")]
    public async Task Names_must_not_be_blank_or_hold_control_characters(string name) =>
        await Assert.ThrowsAsync<ArgumentException>(() => _service.CreateAsync(name));

    [Fact]
    public async Task Names_are_bounded() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _service.CreateAsync(new string('n', 201)));

    [Fact]
    public void Hash_keys_must_be_32_bytes()
    {
        Assert.Throws<ArgumentException>(() => ApiKeyHashKey.Import(new byte[31]));
        Assert.Throws<ArgumentException>(() => ApiKeyHashKey.Import(new byte[33]));
    }

    [Fact]
    public async Task A_disposed_hash_key_refuses_to_work()
    {
        ApiKeyHashKey key = ApiKeyHashKey.Generate();
        var service = new ApiKeyService(new InMemoryApiKeyStore(), key);
        key.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => service.CreateAsync("ci"));
    }

    [Fact]
    public void Records_validate_their_fields()
    {
        var info = new ApiKeyInfo("ak_live_Abcd1234", "ci", SecretEnvironment.Live, DateTimeOffset.UnixEpoch, null);
        Assert.Throws<ArgumentException>(() => new ApiKeyRecord(info, new byte[31]));
        Assert.Throws<ArgumentException>(() => new ApiKeyRecord(info with { Id = "ak_live_" }, new byte[32]));
    }

    private sealed class CountingStore : IApiKeyStore
    {
        private readonly InMemoryApiKeyStore _inner = new();

        public int CollisionsToSimulate { get; set; }

        public int Adds { get; private set; }

        public int Finds { get; private set; }

        public Task AddAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
        {
            Adds++;
            if (CollisionsToSimulate-- > 0)
            {
                throw new DuplicateApiKeyException(record.Info.Id);
            }

            return _inner.AddAsync(record, cancellationToken);
        }

        public Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
        {
            Finds++;
            return _inner.FindAsync(id, cancellationToken);
        }

        public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default) => _inner.ListAsync(cancellationToken);

        public Task<bool> RevokeAsync(string id, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) =>
            _inner.RevokeAsync(id, revokedAt, cancellationToken);
    }
}
