using System;
using System.Linq;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Tests.Keys;

/// <summary>One local KEK serves every org of a process, so it is called from many threads at once.</summary>
public sealed class LocalKeyEncryptionKeyConcurrencyTests
{
    [Fact]
    public async Task Concurrent_wraps_and_unwraps_on_one_instance_all_succeed()
    {
        using LocalKeyEncryptionKey kek = LocalKeyEncryptionKey.Generate();

        // Before AesGcm was made per call, a shared instance failed here with "cipher operation failed" under load.
        await Parallel.ForEachAsync(Enumerable.Range(1, 400), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var context = new OrgKeyContext("org-" + (i % 7), 1 + (i % 3));
            using GeneratedOrgDataKey generated = await kek.GenerateAsync(context, ct);
            byte[] rewrapped = await kek.WrapAsync(generated.Key, ct);
            using OrgDataKey first = await kek.UnwrapAsync(context, generated.WrappedKey, ct);
            using OrgDataKey second = await kek.UnwrapAsync(context, rewrapped, ct);
            Assert.True(first.KeyBytes.SequenceEqual(generated.Key.KeyBytes));
            Assert.True(second.KeyBytes.SequenceEqual(generated.Key.KeyBytes));
        });
    }
}
