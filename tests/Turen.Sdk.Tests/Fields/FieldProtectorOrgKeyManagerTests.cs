using System;
using System.Threading.Tasks;
using Turen.Sdk.Annotations;
using Turen.Sdk.Fields;
using Turen.Sdk.Keys;
using Turen.Sdk.Tests.Keys;

namespace Turen.Sdk.Tests.Fields;

/// <summary>The field protector obtained from the real org key manager, across a DEK rotation.</summary>
public sealed class FieldProtectorOrgKeyManagerTests
{
    [Fact]
    public async Task Protector_from_the_key_ring_hashes_under_the_active_version_and_reads_older_ones_after_rotation()
    {
        using var kek = LocalKeyEncryptionKey.Generate();
        using var keyManager = new OrgKeyManager(new InMemoryOrgKeyStore(), kek);
        await keyManager.CreateOrgAsync("acme");
        var field = new HashedField("Acme.Agent", "Secret", HashKind.Keyed);

        string underV1;
        using (FieldProtector first = await keyManager.CreateFieldProtectorAsync("acme"))
        {
            Assert.Equal(1, first.ActiveKeyVersion);
            underV1 = field.Compute(first, "as_live_secret");
        }

        Assert.Equal(2, await keyManager.RotateAsync("acme"));
        using FieldProtector second = await keyManager.CreateFieldProtectorAsync("acme");

        Assert.Equal(2, second.ActiveKeyVersion);
        Assert.StartsWith("thash1$2$", field.Compute(second, "as_live_secret"), StringComparison.Ordinal);
        Assert.Throws<FieldKeyUnavailableException>(() => field.Verify(second, underV1, "as_live_secret"));
        Assert.True(await field.VerifyAsync(second, underV1, "as_live_secret"));
        Assert.False(await field.VerifyAsync(second, underV1, "as_live_other"));
    }
}
