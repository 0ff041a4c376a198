using System;
using System.Collections.Generic;
using System.Threading;

namespace Turen.Sdk.Keys;

/// <summary>
/// A bounded, time-limited cache of unwrapped org DEKs. It holds its own reference on each key and releases it on
/// eviction (size, time-to-live, maximum uses, <see cref="Remove"/>) and on <see cref="Dispose"/>, so a key's bytes are
/// zeroed as soon as the cache and every lease handed out have let go.
/// </summary>
public sealed class OrgKeyCache : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<(string OrgId, int Version), LinkedListNode<Entry>> _entries = new();
    private readonly LinkedList<Entry> _recency = new();
    private readonly OrgKeyCacheOptions _options;
    private readonly TimeProvider _time;
    private long _hits;
    private long _misses;
    private long _evictions;
    private bool _disposed;

    /// <summary>Creates a cache with the given limits.</summary>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public OrgKeyCache(OrgKeyCacheOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The number of keys held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Lookups that found a usable key.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that found nothing usable.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Keys dropped for size, age or use count (not counting <see cref="Remove"/> or <see cref="Dispose"/>).</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Returns a new lease on the cached key, or false when it is absent, expired or used up.</summary>
    public bool TryGet(string orgId, int version, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OrgDataKey? lease)
    {
        OrgDataKey? toRelease = null;
        lease = null;
        lock (_gate)
        {
            if (!_disposed && _entries.TryGetValue((orgId, version), out LinkedListNode<Entry>? node))
            {
                Entry entry = node.Value;
                if (_time.GetTimestamp() >= entry.ExpiresAt)
                {
                    toRelease = Unlink(node);
                    _evictions++;
                }
                else if (entry.Key.TryAddReference())
                {
                    lease = entry.Key;
                    entry.Uses++;
                    if (_options.MaxUses is { } max && entry.Uses >= max)
                    {
                        toRelease = Unlink(node);
                        _evictions++;
                    }
                    else
                    {
                        _recency.Remove(node);
                        _recency.AddFirst(node);
                    }
                }
            }
        }

        toRelease?.Dispose();
        Interlocked.Increment(ref lease is null ? ref _misses : ref _hits);
        return lease is not null;
    }

    /// <summary>Caches <paramref name="key"/> (taking its own reference; the caller keeps its lease), replacing an older entry.</summary>
    public void Add(OrgDataKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.TryAddReference())
        {
            throw new ObjectDisposedException(nameof(OrgDataKey), "The key was already released.");
        }

        var released = new List<OrgDataKey>(2);
        lock (_gate)
        {
            if (_disposed)
            {
                released.Add(key);
            }
            else
            {
                if (_entries.TryGetValue((key.OrgId, key.Version), out LinkedListNode<Entry>? existing))
                {
                    released.Add(Unlink(existing));
                }

                long expires = _time.GetTimestamp() + (long)(_options.TimeToLive.TotalSeconds * _time.TimestampFrequency);
                var node = new LinkedListNode<Entry>(new Entry(key, expires));
                _recency.AddFirst(node);
                _entries[(key.OrgId, key.Version)] = node;
                while (_entries.Count > _options.MaxEntries)
                {
                    released.Add(Unlink(_recency.Last!));
                    _evictions++;
                }
            }
        }

        foreach (OrgDataKey r in released)
        {
            r.Dispose();
        }
    }

    /// <summary>Drops (and releases) one key if cached.</summary>
    public void Remove(string orgId, int version)
    {
        OrgDataKey? released = null;
        lock (_gate)
        {
            if (_entries.TryGetValue((orgId, version), out LinkedListNode<Entry>? node))
            {
                released = Unlink(node);
            }
        }

        released?.Dispose();
    }

    /// <summary>Drops every key of an org with a version below <paramref name="minimumVersion"/>.</summary>
    public void RemoveBelow(string orgId, int minimumVersion)
    {
        var released = new List<OrgDataKey>();
        lock (_gate)
        {
            for (LinkedListNode<Entry>? node = _recency.First; node is not null;)
            {
                LinkedListNode<Entry>? next = node.Next;
                if (string.Equals(node.Value.Key.OrgId, orgId, StringComparison.Ordinal) && node.Value.Key.Version < minimumVersion)
                {
                    released.Add(Unlink(node));
                }

                node = next;
            }
        }

        foreach (OrgDataKey r in released)
        {
            r.Dispose();
        }
    }

    /// <summary>Releases every cached key; later lookups miss and later additions are released at once.</summary>
    public void Dispose()
    {
        List<OrgDataKey> released;
        lock (_gate)
        {
            _disposed = true;
            released = new List<OrgDataKey>(_entries.Count);
            foreach (Entry entry in _recency)
            {
                released.Add(entry.Key);
            }

            _entries.Clear();
            _recency.Clear();
        }

        foreach (OrgDataKey r in released)
        {
            r.Dispose();
        }
    }

    private OrgDataKey Unlink(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove((node.Value.Key.OrgId, node.Value.Key.Version));
        return node.Value.Key;
    }

    private sealed class Entry(OrgDataKey key, long expiresAt)
    {
        public OrgDataKey Key { get; } = key;

        public long ExpiresAt { get; } = expiresAt;

        public long Uses { get; set; }
    }
}
