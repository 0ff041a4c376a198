using System;
using System.Linq;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Hardening.Tests.Regressions;

/// <summary>
/// Found by the PostgreSQL outage load test: LocalKeyEncryptionKey shared one AesGcm across threads, so concurrent
/// GenerateAsync/UnwrapAsync calls failed with "cipher operation failed" or a spurious KeyUnwrapException.
/// </summary>
public sealed class LocalKekConcurrencyTests
{
    [Fact]
    public async Task Concurrent_generate_and_unwrap_on_one_local_kek_all_round_trip()
    {
        using LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.Generate();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (int i = 0; i < 2000; i++)
            {
                var context = new OrgKeyContext("org-" + worker, 1 + (i % 5));
                using GeneratedOrgDataKey generated = await kek.GenerateAsync(context);
                using OrgDataKey unwrapped = await kek.UnwrapAsync(context, generated.WrappedKey);
                Assert.Equal(context.Version, unwrapped.Version);
                // A tampered wrapping still fails, and only as KeyUnwrapException.
                byte[] tampered = (byte[])generated.WrappedKey.Clone();
                tampered[^1] ^= 1;
                await Assert.ThrowsAsync<KeyUnwrapException>(async () => await kek.UnwrapAsync(context, tampered));
            }
        })));
    }
}
