using Turen.Sdk.Keys;

namespace Turen.Sdk.Tests.Keys;

public sealed class OrgKeyNameTests
{
    [Theory]
    [InlineData("acme", 1, "org/acme/v1")]
    [InlineData("a.b-c_D9", 2147483647, "org/a.b-c_D9/v2147483647")]
    public void Format_and_parse_round_trip(string org, int version, string name)
    {
        Assert.Equal(name, OrgKeyName.Format(org, version));
        Assert.True(OrgKeyName.TryParse(name, out string? parsedOrg, out int parsedVersion));
        Assert.Equal((org, version), (parsedOrg, parsedVersion));
    }

    [Theory]
    [InlineData("")]
    [InlineData("org/")]
    [InlineData("org/acme")]
    [InlineData("org/acme/v")]
    [InlineData("org/acme/v0")]
    [InlineData("org/acme/v01")]
    [InlineData("org/acme/v-1")]
    [InlineData("org/acme/v+1")]
    [InlineData("org/acme/v1 ")]
    [InlineData("org/acme/v2147483648")]
    [InlineData("org//v1")]
    [InlineData("org/a/b/v1")]
    [InlineData("org/.hidden/v1")]
    [InlineData("ORG/acme/v1")]
    [InlineData("team/acme/v1")]
    public void Anything_else_does_not_parse(string name)
    {
        Assert.False(OrgKeyName.TryParse(name, out _, out _));
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("A1", true)]
    [InlineData("a.b", true)]
    [InlineData("", false)]
    [InlineData(".a", false)]
    [InlineData("-a", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("ä", false)]
    [InlineData("a\n", false)]
    public void Org_id_rules(string org, bool valid)
    {
        Assert.Equal(valid, OrgIds.IsValid(org));
        Assert.False(OrgIds.IsValid(new string('a', OrgIds.MaxLength + 1)));
        Assert.True(OrgIds.IsValid(new string('a', OrgIds.MaxLength)));
    }
}
