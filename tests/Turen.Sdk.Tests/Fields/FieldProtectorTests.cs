using System;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Fields;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Tests.Fields;

public sealed class FieldProtectorTests
{
    [Fact]
    public async Task Protector_uses_the_active_version_and_loads_others_on_request()
    {
        var keys = new FixedOrgKeyProvider().Add("org-a", 1, 1).Add("org-a", 2, 2);
        using FieldProtector protector = await keys.CreateFieldProtectorAsync("org-a");

        Assert.Equal(2, protector.ActiveKeyVersion);
        Assert.Equal("org-a", protector.OrgId);
        Assert.False(protector.TryGetKey(1, out _));
        await protector.LoadKeyVersionAsync(1);
        await protector.LoadKeyVersionAsync(1);
        Assert.True(protector.TryGetKey(1, out FieldProtector.VersionKey? v1));
        Assert.Equal(1, v1!.Version);
        Assert.DoesNotContain("0101", protector.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_version_is_a_typed_error_with_the_provider_error_inside()
    {
        var keys = new FixedOrgKeyProvider().Add("org-a", 1, 1);
        using FieldProtector protector = await keys.CreateFieldProtectorAsync("org-a");

        FieldKeyUnavailableException error = await Assert.ThrowsAsync<FieldKeyUnavailableException>(async () => await protector.LoadKeyVersionAsync(7));

        Assert.Equal(7, error.Version);
        Assert.Equal("org-a", error.OrgId);
        Assert.IsType<OrgKeyNotFoundException>(error.InnerException);
        Assert.Throws<FieldKeyUnavailableException>(() => protector.GetKey(7));
    }

    [Fact]
    public async Task A_key_of_another_org_is_refused()
    {
        var keys = new KeysOfAnotherOrg(new FixedOrgKeyProvider().Add("org-b", 1, 1), "org-b");

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await keys.CreateFieldProtectorAsync("org-a"));
    }

    [Fact]
    public async Task Disposed_protector_zeroes_keys_and_refuses_use()
    {
        var keys = new FixedOrgKeyProvider().Add("org-a", 1, 1);
        FieldProtector protector = await keys.CreateFieldProtectorAsync("org-a");
        byte[] prk = protector.GetKey(1).Prk;

        protector.Dispose();
        protector.Dispose();

        Assert.All(prk, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => protector.GetKey(1));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await protector.LoadKeyVersionAsync(1));
    }

    [Fact]
    public async Task Bad_arguments_and_options_are_refused()
    {
        var keys = new FixedOrgKeyProvider().Add("org-a", 1, 1);

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await FieldProtector.CreateAsync(null!, "org-a"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await FieldProtector.CreateAsync(keys, string.Empty));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await FieldProtector.CreateAsync(keys, "org-a", new FieldProtectorOptions { PasswordMemoryKiB = 4 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await FieldProtector.CreateAsync(keys, "org-a", new FieldProtectorOptions { PasswordIterations = 0 }));
    }

    [Fact]
    public async Task Hashed_field_handle_computes_and_verifies_both_kinds()
    {
        var keys = new FixedOrgKeyProvider().Add("org-a", 1, 1);
        using FieldProtector protector = await keys.CreateFieldProtectorAsync("org-a", new FieldProtectorOptions { PasswordMemoryKiB = 8, PasswordIterations = 1 });
        var keyed = new HashedField("Ns.T", "Secret", Annotations.HashKind.Keyed);
        var password = new HashedField("Ns.T", "Passphrase", Annotations.HashKind.Password);

        string keyedHash = keyed.Compute(protector, "s");
        string passwordHash = password.Compute(protector, "p");

        Assert.True(keyed.IsHash(keyedHash));
        Assert.False(keyed.IsHash(passwordHash));
        Assert.True(password.IsHash(passwordHash));
        Assert.False(password.IsHash(keyedHash));
        Assert.True(await keyed.VerifyAsync(protector, keyedHash, "s"));
        Assert.True(password.Verify(protector, passwordHash, "p"));
        Assert.False(password.Verify(protector, null, "p"));
        Assert.Contains("Ns.T.Secret", keyed.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new HashedField("", "M", Annotations.HashKind.Keyed));
    }

    /// <summary>A misbehaving provider: whatever org is asked for, it answers with another org's key.</summary>
    private sealed class KeysOfAnotherOrg(IOrgKeyProvider inner, string answeringOrg) : IOrgKeyProvider
    {
        public ValueTask<OrgDataKey> GetActiveKeyAsync(string orgId, CancellationToken cancellationToken = default) =>
            inner.GetActiveKeyAsync(answeringOrg, cancellationToken);

        public ValueTask<OrgDataKey> GetKeyAsync(string orgId, int version, CancellationToken cancellationToken = default) =>
            inner.GetKeyAsync(answeringOrg, version, cancellationToken);
    }
}
