using System;
using Microsoft.Extensions.Time.Testing;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Tests.Keys;

public sealed class OrgKeyCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

    private OrgKeyCache Cache(int maxEntries = 10, int ttlSeconds = 60, long? maxUses = null) =>
        new(new OrgKeyCacheOptions { MaxEntries = maxEntries, TimeToLive = TimeSpan.FromSeconds(ttlSeconds), MaxUses = maxUses }, _time);

    [Fact]
    public void A_cached_key_is_served_until_it_expires_and_then_zeroed()
    {
        using OrgKeyCache cache = Cache();
        OrgDataKey key = OrgDataKey.Generate("acme", 1);
        cache.Add(key);
        key.Dispose(); // the cache's reference keeps it alive

        Assert.True(cache.TryGet("acme", 1, out OrgDataKey? lease));
        lease!.Dispose();
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.False(cache.TryGet("acme", 1, out _));
        Assert.Throws<ObjectDisposedException>(() => key.KeyBytes.Length);
        Assert.Equal((1, 1, 1), (cache.Hits, cache.Misses, cache.Evictions));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void The_least_recently_used_key_is_evicted_beyond_the_size_bound()
    {
        using OrgKeyCache cache = Cache(maxEntries: 2);
        OrgDataKey a = OrgDataKey.Generate("a", 1), b = OrgDataKey.Generate("b", 1), c = OrgDataKey.Generate("c", 1);
        cache.Add(a);
        cache.Add(b);
        Assert.True(cache.TryGet("a", 1, out OrgDataKey? touch));
        touch!.Dispose();
        cache.Add(c);
        foreach (OrgDataKey k in new[] { a, b, c })
        {
            k.Dispose();
        }

        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet("b", 1, out _));
        Assert.Throws<ObjectDisposedException>(() => b.KeyBytes.Length);
        Assert.True(cache.TryGet("a", 1, out OrgDataKey? la));
        Assert.True(cache.TryGet("c", 1, out OrgDataKey? lc));
        la!.Dispose();
        lc!.Dispose();
    }

    [Fact]
    public void A_key_is_evicted_after_its_maximum_uses()
    {
        using OrgKeyCache cache = Cache(maxUses: 3);
        using (OrgDataKey key = OrgDataKey.Generate("acme", 1))
        {
            cache.Add(key);
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.True(cache.TryGet("acme", 1, out OrgDataKey? lease));
            lease!.Dispose();
        }

        Assert.False(cache.TryGet("acme", 1, out _));
    }

    [Fact]
    public void A_lease_outlives_eviction_and_the_key_is_zeroed_when_it_is_released()
    {
        OrgKeyCache cache = Cache();
        using (OrgDataKey key = OrgDataKey.Generate("acme", 1))
        {
            cache.Add(key);
        }

        Assert.True(cache.TryGet("acme", 1, out OrgDataKey? lease));
        cache.Dispose();

        Assert.Equal(32, lease!.KeyBytes.Length);
        lease.Dispose();
        Assert.Throws<ObjectDisposedException>(() => lease.KeyBytes.Length);
        Assert.False(cache.TryGet("acme", 1, out _));
    }

    [Fact]
    public void Remove_and_RemoveBelow_release_keys()
    {
        using OrgKeyCache cache = Cache();
        for (int v = 1; v <= 4; v++)
        {
            using OrgDataKey key = OrgDataKey.Generate("acme", v);
            cache.Add(key);
        }

        using (OrgDataKey other = OrgDataKey.Generate("other", 1))
        {
            cache.Add(other);
        }

        cache.RemoveBelow("acme", 3);
        cache.Remove("acme", 4);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("acme", 3, out OrgDataKey? l3));
        Assert.True(cache.TryGet("other", 1, out OrgDataKey? lo));
        l3!.Dispose();
        lo!.Dispose();
    }

    [Fact]
    public void Adding_a_released_key_or_bad_options_fail()
    {
        using OrgKeyCache cache = Cache();
        OrgDataKey key = OrgDataKey.Generate("acme", 1);
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cache.Add(key));
        Assert.Throws<ArgumentException>(() => Cache(maxEntries: 0));
        Assert.Throws<ArgumentException>(() => Cache(ttlSeconds: 0));
        Assert.Throws<ArgumentException>(() => Cache(maxUses: 0));
    }
}
