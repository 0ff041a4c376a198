using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Tests.Keys;

public sealed class OrgKeyManagerTests : IDisposable
{
    private readonly InMemoryOrgKeyStore _store = new();
    private readonly LocalKeyEncryptionKey _localKek = LocalKeyEncryptionKey.Generate();
    private readonly CountingKeyEncryptionKey _kek;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<OrgKeyManager> _log = new();

    public OrgKeyManagerTests() => _kek = new CountingKeyEncryptionKey(_localKek);

    private IReadOnlyList<FakeLogRecord> Logged => _log.Collector.GetSnapshot();

    private OrgKeyManager NewKeyManager(OrgKeyManagerOptions? options = null) => new(_store, _kek, options, _log, timeProvider: _time);

    [Fact]
    public async Task Create_makes_version_one_once()
    {
        using OrgKeyManager keyManager = NewKeyManager();

        Assert.True(await keyManager.CreateOrgAsync("acme"));
        Assert.False(await keyManager.CreateOrgAsync("acme"));

        WrappedOrgKey row = Assert.Single(await _store.ListVersionsAsync("acme"));
        Assert.Equal((1, OrgKeyStatus.Active, _kek.KeyId), (row.Version, row.Status, row.KekId));
        Assert.Equal(1, _kek.Generates);
        Assert.Contains(Logged, e => e.Id.Id == 3001 && e.Message.Contains("acme", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Getting_the_active_key_of_an_unknown_org_fails_unless_creation_on_first_use_is_on()
    {
        using OrgKeyManager strict = NewKeyManager();
        OrgKeyNotFoundException ex = await Assert.ThrowsAsync<OrgKeyNotFoundException>(async () => await strict.GetActiveKeyAsync("newco"));
        Assert.Equal(("newco", (int?)null), (ex.OrgId, ex.Version));

        using OrgKeyManager lenient = NewKeyManager(new OrgKeyManagerOptions { CreateOrgsOnFirstUse = true });
        using OrgDataKey key = await lenient.GetActiveKeyAsync("newco");
        Assert.Equal(1, key.Version);
    }

    [Fact]
    public async Task Rotation_makes_a_new_active_version_and_keeps_old_ones_readable()
    {
        using OrgKeyManager keyManager = NewKeyManager();
        await keyManager.CreateOrgAsync("acme");
        using OrgDataKey v1 = await keyManager.GetActiveKeyAsync("acme");

        Assert.Equal(2, await keyManager.RotateAsync("acme"));
        using OrgDataKey v2 = await keyManager.GetActiveKeyAsync("acme");
        using OrgDataKey v1Again = await keyManager.GetKeyAsync("acme", 1);

        Assert.Equal(2, v2.Version);
        Assert.False(v1.KeyBytes.SequenceEqual(v2.KeyBytes));
        Assert.True(v1.KeyBytes.SequenceEqual(v1Again.KeyBytes));
        Assert.Contains(Logged, e => e.Id.Id == 3002);
        await Assert.ThrowsAsync<OrgKeyNotFoundException>(() => keyManager.RotateAsync("nobody"));
    }

    [Fact]
    public async Task Another_process_rotation_is_seen_after_the_time_to_live()
    {
        using OrgKeyManager reader = NewKeyManager();
        using OrgKeyManager writer = NewKeyManager();
        await writer.CreateOrgAsync("acme");
        (await reader.GetActiveKeyAsync("acme")).Dispose();
        await writer.RotateAsync("acme");

        using (OrgDataKey stale = await reader.GetActiveKeyAsync("acme"))
        {
            Assert.Equal(1, stale.Version);
        }

        _time.Advance(TimeSpan.FromMinutes(6));
        using OrgDataKey fresh = await reader.GetActiveKeyAsync("acme");
        Assert.Equal(2, fresh.Version);
    }

    [Fact]
    public async Task Ten_thousand_resolves_within_the_time_to_live_make_one_kek_call()
    {
        using (OrgKeyManager setup = NewKeyManager())
        {
            await setup.CreateOrgAsync("acme");
        }

        using OrgKeyManager keyManager = NewKeyManager();
        for (int i = 0; i < 10_000; i++)
        {
            using OrgDataKey key = await keyManager.GetKeyAsync("acme", 1);
        }

        Assert.Equal(1, _kek.Unwraps);
        OrgKeyManagerStatistics stats = keyManager.Statistics;
        Assert.Equal((1L, 9_999L, 1L), (stats.KekUnwrapCalls, stats.CacheHits, stats.CacheMisses));
    }

    [Fact]
    public async Task With_the_cache_off_every_resolve_is_a_kek_call()
    {
        using (OrgKeyManager setup = NewKeyManager())
        {
            await setup.CreateOrgAsync("acme");
        }

        using OrgKeyManager keyManager = NewKeyManager(new OrgKeyManagerOptions { Cache = new OrgKeyCacheOptions { Enabled = false } });
        for (int i = 0; i < 1_000; i++)
        {
            using OrgDataKey key = await keyManager.GetKeyAsync("acme", 1);
        }

        Assert.Equal(1_000, _kek.Unwraps);
        Assert.Equal(1_000, keyManager.Statistics.KekUnwrapCalls);
    }

    [Fact]
    public async Task Concurrent_resolves_of_a_cold_key_share_one_kek_call()
    {
        using (OrgKeyManager setup = NewKeyManager())
        {
            await setup.CreateOrgAsync("acme");
        }

        _kek.UnwrapDelay = TimeSpan.FromMilliseconds(50);
        using OrgKeyManager keyManager = NewKeyManager();
        OrgDataKey[] leases = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () => await keyManager.GetKeyAsync("acme", 1))));

        Assert.Equal(1, _kek.Unwraps);
        Assert.All(leases, l => Assert.True(l.KeyBytes.SequenceEqual(leases[0].KeyBytes)));
        foreach (OrgDataKey lease in leases)
        {
            lease.Dispose();
        }
    }

    [Fact]
    public async Task The_cache_expires_and_max_uses_force_a_new_unwrap()
    {
        using (OrgKeyManager setup = NewKeyManager())
        {
            await setup.CreateOrgAsync("acme");
        }

        using OrgKeyManager keyManager = NewKeyManager(new OrgKeyManagerOptions { Cache = new OrgKeyCacheOptions { MaxUses = 10, TimeToLive = TimeSpan.FromSeconds(30) } });
        for (int i = 0; i < 25; i++)
        {
            using OrgDataKey key = await keyManager.GetKeyAsync("acme", 1);
        }

        Assert.Equal(3, _kek.Unwraps); // uses 1 (miss) + 10, then 10, then the rest
        _time.Advance(TimeSpan.FromSeconds(31));
        (await keyManager.GetKeyAsync("acme", 1)).Dispose();
        Assert.Equal(4, _kek.Unwraps);
    }

    [Fact]
    public async Task An_unwrap_failure_is_logged_without_key_material_and_rethrown()
    {
        using (OrgKeyManager setup = NewKeyManager())
        {
            await setup.CreateOrgAsync("acme");
        }

        _kek.UnwrapFailure = new KeyAccessDeniedException("denied for test");
        using OrgKeyManager keyManager = NewKeyManager();

        await Assert.ThrowsAsync<KeyAccessDeniedException>(async () => await keyManager.GetKeyAsync("acme", 1));
        FakeLogRecord logged = Assert.Single(Logged, e => e.Id.Id == 3003);
        Assert.Contains("KeyAccessDeniedException", logged.Message, StringComparison.Ordinal);
        string wrappedHex = Convert.ToHexString((await _store.GetAsync("acme", 1))!.WrappedKey.Span);
        Assert.DoesNotContain(Logged, e => e.Message.Contains(wrappedHex, StringComparison.OrdinalIgnoreCase));

        // Failures are not cached: once the KEK works again, so does the manager.
        _kek.UnwrapFailure = null;
        using OrgDataKey key = await keyManager.GetKeyAsync("acme", 1);
        Assert.Equal(1, key.Version);
    }

    [Fact]
    public async Task Missing_and_retired_versions_are_not_found()
    {
        using OrgKeyManager keyManager = NewKeyManager();
        await keyManager.CreateOrgAsync("acme");
        await keyManager.RotateAsync("acme");
        await keyManager.RotateAsync("acme");
        (await keyManager.GetKeyAsync("acme", 1)).Dispose();

        Assert.Equal(2, await keyManager.RetireBelowAsync("acme", 3));
        OrgKeyNotFoundException retired = await Assert.ThrowsAsync<OrgKeyNotFoundException>(async () => await keyManager.GetKeyAsync("acme", 1));
        Assert.Contains("retired", retired.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<OrgKeyNotFoundException>(async () => await keyManager.GetKeyAsync("acme", 9));
        await Assert.ThrowsAsync<InvalidOperationException>(() => keyManager.RetireBelowAsync("acme", 4));
        Assert.Contains(Logged, e => e.Id.Id == 3004);
    }

    [Fact]
    public async Task Rewrap_moves_every_version_to_a_new_kek_and_keeps_the_bytes()
    {
        using OrgKeyManager keyManager = NewKeyManager();
        await keyManager.CreateOrgAsync("acme");
        await keyManager.RotateAsync("acme");
        byte[] v1 = (await keyManager.GetKeyAsync("acme", 1)).KeyBytes.ToArray();
        using var next = LocalKeyEncryptionKey.Generate();

        Assert.Equal(2, await keyManager.RewrapAsync("acme", next));

        // A manager on the new KEK, with the old one still accepted for reading (as during a rotation), reads the same key.
        using var after = new OrgKeyManager(_store, next, additionalKeks: new[] { _localKek });
        using OrgDataKey again = await after.GetKeyAsync("acme", 1);
        Assert.Equal(v1, again.KeyBytes.ToArray());
        Assert.Contains(Logged, e => e.Id.Id == 3005);
    }

    [Fact]
    public async Task Keys_leased_from_a_disposed_ring_stay_valid_until_released()
    {
        OrgKeyManager keyManager = NewKeyManager();
        await keyManager.CreateOrgAsync("acme");
        OrgDataKey lease = await keyManager.GetKeyAsync("acme", 1);
        keyManager.Dispose();

        Assert.Equal(32, lease.KeyBytes.Length);
        lease.Dispose();
        Assert.Throws<ObjectDisposedException>(() => lease.KeyBytes.Length);
    }

    [Fact]
    public async Task Bad_options_and_arguments_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => NewKeyManager(new OrgKeyManagerOptions { MaxRotationAttempts = 0 }));
        Assert.Throws<ArgumentException>(() => NewKeyManager(new OrgKeyManagerOptions { Cache = new OrgKeyCacheOptions { TimeToLive = TimeSpan.Zero } }));
        using OrgKeyManager keyManager = NewKeyManager();
        await Assert.ThrowsAsync<ArgumentException>(async () => await keyManager.GetKeyAsync("no/slash", 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await keyManager.GetKeyAsync("acme", 0));
    }

    public void Dispose() => _localKek.Dispose();
}
