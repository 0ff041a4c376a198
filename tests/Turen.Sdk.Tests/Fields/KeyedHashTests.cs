using System;
using System.Threading.Tasks;
using Turen.Sdk.Fields;
using Turen.Sdk.Fields.Format;

namespace Turen.Sdk.Tests.Fields;

public sealed class KeyedHashTests
{
    [Fact]
    public async Task Hash_has_version_prefix_and_is_deterministic_per_org_type_and_member()
    {
        var keys = new FixedOrgKeyProvider().Add("org-a", 1, 0x11).Add("org-b", 1, 0x11);
        using FieldProtector a = await FieldProtector.CreateAsync(keys, "org-a");
        using FieldProtector b = await FieldProtector.CreateAsync(keys, "org-b");

        string hash = KeyedHash.Compute(a, "Ns.T", "Secret", "as_live_x");

        Assert.Matches("^thash1\\$1\\$[A-Za-z0-9_-]{43}$", hash);
        Assert.Equal(hash, KeyedHash.Compute(a, "Ns.T", "Secret", "as_live_x"));
        Assert.NotEqual(hash, KeyedHash.Compute(a, "Ns.T", "Other", "as_live_x"));
        Assert.NotEqual(hash, KeyedHash.Compute(a, "Ns.U", "Secret", "as_live_x"));
        Assert.NotEqual(hash, KeyedHash.Compute(b, "Ns.T", "Secret", "as_live_x"));
        Assert.True(KeyedHash.Verify(a, "Ns.T", "Secret", hash, "as_live_x"));
        Assert.False(KeyedHash.Verify(a, "Ns.T", "Secret", hash, "as_live_y"));
        Assert.False(KeyedHash.Verify(b, "Ns.T", "Secret", hash, "as_live_x"));
    }

    [Fact]
    public async Task Hash_under_an_unloaded_version_needs_the_key_first()
    {
        var keys = new FixedOrgKeyProvider().Add("org-a", 1, 0x11).Add("org-a", 2, 0x22);
        using FieldProtector rotated = await FieldProtector.CreateAsync(keys, "org-a");
        string underV2 = KeyedHash.Compute(rotated, "T", "M", "v");
        string underV1 = underV2.Replace("thash1$2$", "thash1$1$", StringComparison.Ordinal);

        Assert.StartsWith("thash1$2$", underV2, StringComparison.Ordinal);
        Assert.Throws<FieldKeyUnavailableException>(() => KeyedHash.Verify(rotated, "T", "M", underV1, "v"));
        await rotated.LoadKeyVersionAsync(1);
        Assert.False(KeyedHash.Verify(rotated, "T", "M", underV1, "v"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("thash1$")]
    [InlineData("thash2$1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("THASH1$1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("thash1$-1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("thash1$1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("thash1$1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("thash1$1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$")]
    public void Malformed_strings_are_not_keyed_hashes(string? value)
    {
        Assert.False(KeyedHash.IsKeyedHash(value));
    }

    [Fact]
    public void Canonical_string_is_recognised()
    {
        Assert.True(KeyedHash.IsKeyedHash("thash1$12$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        Assert.Equal(12, KeyedHash.GetVersion("thash1$12$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    }
}
