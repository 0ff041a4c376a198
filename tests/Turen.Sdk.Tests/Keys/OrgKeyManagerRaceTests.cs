using System;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Tests.Keys;

/// <summary>Loads that race with cancellation and with retirement: no key leaks, no retired key is handed out.</summary>
public sealed class OrgKeyManagerRaceTests : IDisposable
{
    private readonly InMemoryOrgKeyStore _store = new();
    private readonly LocalKeyEncryptionKey _localKek = LocalKeyEncryptionKey.Generate();

    public void Dispose() => _localKek.Dispose();

    [Fact]
    public async Task A_load_that_completes_while_its_only_caller_cancels_still_zeroes_the_key()
    {
        using (var setup = new OrgKeyManager(_store, _localKek))
        {
            await setup.CreateOrgAsync("acme");
        }

        var kek = new GatedKeyEncryptionKey(_localKek);
        using var manager = new OrgKeyManager(_store, kek, new OrgKeyManagerOptions { Cache = { Enabled = false } });
        using var cts = new CancellationTokenSource();
        ValueTask<OrgDataKey> pending = manager.GetKeyAsync("acme", 1, cts.Token);
        await kek.UnwrapStarted.WaitAsync(TimeSpan.FromSeconds(10));

        // Registered after the manager's wait, so it runs first (callbacks run in reverse order): the load completes
        // inside Cancel, just before the wait observes the cancellation.
        cts.Token.Register(() => kek.Release());
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);

        OrgDataKey loaded = await kek.Unwrapped.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitUntil(() => !loaded.TryAddReference());
        Assert.Throws<ObjectDisposedException>(() => loaded.KeyBytes.Length);
    }

    [Fact]
    public async Task A_load_in_flight_during_retirement_neither_returns_nor_caches_the_retired_key()
    {
        using (var setup = new OrgKeyManager(_store, _localKek))
        {
            await setup.CreateOrgAsync("acme");
        }

        var kek = new GatedKeyEncryptionKey(_localKek);
        using var manager = new OrgKeyManager(_store, kek);
        ValueTask<OrgDataKey> pending = manager.GetKeyAsync("acme", 1);
        await kek.UnwrapStarted.WaitAsync(TimeSpan.FromSeconds(10));

        // The load has read v1's row as active; now v1 is retired under it.
        kek.Gate = false;
        kek.Release();
        Assert.Equal(2, await manager.RotateAsync("acme"));
        Assert.Equal(1, await manager.RetireBelowAsync("acme", 2));
        kek.FinishHeldUnwrap();

        OrgKeyNotFoundException first = await Assert.ThrowsAsync<OrgKeyNotFoundException>(async () => await pending);
        Assert.Equal(1, first.Version);
        OrgKeyNotFoundException again = await Assert.ThrowsAsync<OrgKeyNotFoundException>(async () => await manager.GetKeyAsync("acme", 1));
        Assert.Equal(1, again.Version);
        OrgDataKey loaded = await kek.Unwrapped.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(loaded.TryAddReference());
        using OrgDataKey active = await manager.GetActiveKeyAsync("acme");
        Assert.Equal(2, active.Version);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    /// <summary>
    /// Holds the first unwrap at a gate: it signals <see cref="UnwrapStarted"/>, waits for <see cref="Release"/>, and
    /// (unless <see cref="FinishHeldUnwrap"/> is awaited for) completes synchronously inside the releasing call.
    /// </summary>
    private sealed class GatedKeyEncryptionKey(IKeyEncryptionKey inner) : IKeyEncryptionKey
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<OrgDataKey> _unwrapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new();
        private readonly TaskCompletionSource _finish = new();
        private int _held;

        public bool Gate { get; set; } = true;

        public Task UnwrapStarted => _started.Task;

        public Task<OrgDataKey> Unwrapped => _unwrapped.Task;

        public string KeyId => inner.KeyId;

        public void Release() => _release.TrySetResult();

        public void FinishHeldUnwrap() => _finish.TrySetResult();

        public ValueTask<GeneratedOrgDataKey> GenerateAsync(OrgKeyContext context, CancellationToken cancellationToken = default) =>
            inner.GenerateAsync(context, cancellationToken);

        public ValueTask<byte[]> WrapAsync(OrgDataKey key, CancellationToken cancellationToken = default) =>
            inner.WrapAsync(key, cancellationToken);

        public async ValueTask<OrgDataKey> UnwrapAsync(OrgKeyContext context, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
        {
            if (!Gate || Interlocked.Exchange(ref _held, 1) != 0)
            {
                return await inner.UnwrapAsync(context, wrappedKey, cancellationToken);
            }

            // The first unwrap is the held one; its key is produced before the gate so completing it needs no I/O.
            OrgDataKey key = await inner.UnwrapAsync(context, wrappedKey, cancellationToken);
            _started.TrySetResult();
            await _release.Task;
            if (!Gate)
            {
                await _finish.Task;
            }

            _unwrapped.TrySetResult(key);
            return key;
        }
    }
}
