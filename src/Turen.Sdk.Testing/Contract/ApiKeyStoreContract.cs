using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Credentials;

namespace Turen.Sdk.Testing.Contract;

/// <summary>
/// The behaviour every <see cref="IApiKeyStore"/> must have. Each implementation's test class derives from this and
/// supplies an empty store; the same tests then run against in-memory (Turen.Sdk.Tests), SQLite and PostgreSQL. A derived
/// class whose backend needs a tool says so with a <see cref="StoreRequirementAttribute"/>.
/// </summary>
public abstract class ApiKeyStoreContract
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 29, 3, 0, 0, 123, TimeSpan.Zero).AddTicks(4560);

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IApiKeyStore> CreateStoreAsync();

    protected static ApiKeyRecord Record(string id, string name = "ci", DateTimeOffset? createdAt = null, byte fill = 7)
    {
        byte[] hash = Enumerable.Range(0, 32).Select(i => (byte)(i * fill)).ToArray();
        SecretEnvironment environment = id.StartsWith("ak_test_", StringComparison.Ordinal) ? SecretEnvironment.Test : SecretEnvironment.Live;
        return new ApiKeyRecord(new ApiKeyInfo(id, name, environment, createdAt ?? T0, null), hash);
    }

    [StoreFact]
    public async Task Added_records_are_found_with_every_field()
    {
        IApiKeyStore store = await CreateStoreAsync();
        ApiKeyRecord record = Record("ak_test_Abcd1234", "uploader ✓ «prod»", fill: 9);
        await store.AddAsync(record);

        ApiKeyRecord? found = await store.FindAsync("ak_test_Abcd1234");
        Assert.NotNull(found);
        Assert.Equal(record.Info, found.Info);
        Assert.True(record.KeyHash.SequenceEqual(found.KeyHash));
        Assert.Equal(TimeSpan.Zero, found.Info.CreatedAt.Offset);
    }

    [StoreFact]
    public async Task Unknown_ids_are_not_found()
    {
        IApiKeyStore store = await CreateStoreAsync();
        await store.AddAsync(Record("ak_live_Abcd1234"));
        Assert.Null(await store.FindAsync("ak_live_Abcd1235"));
        Assert.Null(await store.FindAsync("ak_live_abcd1234")); // ids are case-sensitive
    }

    [StoreFact]
    public async Task Duplicate_ids_are_refused_and_the_first_record_kept()
    {
        IApiKeyStore store = await CreateStoreAsync();
        await store.AddAsync(Record("ak_live_Abcd1234", "first", fill: 1));
        var ex = await Assert.ThrowsAsync<DuplicateApiKeyException>(() => store.AddAsync(Record("ak_live_Abcd1234", "second", fill: 2)));
        Assert.Equal("ak_live_Abcd1234", ex.Id);
        Assert.Equal("first", (await store.FindAsync("ak_live_Abcd1234"))!.Info.Name);
    }

    [StoreFact]
    public async Task List_is_ordered_by_creation_then_id()
    {
        IApiKeyStore store = await CreateStoreAsync();
        Assert.Empty(await store.ListAsync());
        await store.AddAsync(Record("ak_live_CCCC0000", createdAt: T0.AddMinutes(1)));
        await store.AddAsync(Record("ak_live_BBBB0000", createdAt: T0));
        await store.AddAsync(Record("ak_live_AAAA0000", createdAt: T0));
        IReadOnlyList<ApiKeyRecord> list = await store.ListAsync();
        Assert.Equal(new[] { "ak_live_AAAA0000", "ak_live_BBBB0000", "ak_live_CCCC0000" }, list.Select(r => r.Info.Id));
    }

    [StoreFact]
    public async Task Revoke_sets_the_time_once()
    {
        IApiKeyStore store = await CreateStoreAsync();
        await store.AddAsync(Record("ak_live_Abcd1234"));
        Assert.True(await store.RevokeAsync("ak_live_Abcd1234", T0.AddHours(1)));
        Assert.True(await store.RevokeAsync("ak_live_Abcd1234", T0.AddHours(2)));
        ApiKeyInfo info = (await store.FindAsync("ak_live_Abcd1234"))!.Info;
        Assert.True(info.IsRevoked);
        Assert.Equal(T0.AddHours(1), info.RevokedAt);
        Assert.Equal(info, (await store.ListAsync()).Single().Info);
    }

    [StoreFact]
    public async Task Revoking_an_unknown_id_returns_false()
    {
        IApiKeyStore store = await CreateStoreAsync();
        Assert.False(await store.RevokeAsync("ak_live_Abcd1234", T0));
    }

    [StoreFact]
    public async Task A_cancelled_token_is_honoured()
    {
        IApiKeyStore store = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AddAsync(Record("ak_live_Abcd1234"), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.FindAsync("ak_live_Abcd1234", cancelled.Token));
    }
}
