using System;
using Turen.Sdk.Fields;
using Turen.Sdk.Fields.Format;

namespace Turen.Sdk.Tests.Fields;

/// <summary>Argon2id (RFC 9106) through NSec/libsodium, in the PHC string format.</summary>
public sealed class PasswordHashTests
{
    [Fact]
    public void Hash_encodes_parameters_and_a_fresh_salt_and_verifies()
    {
        string first = PasswordHash.Compute("correct horse", memoryKiB: 64, iterations: 2);
        string second = PasswordHash.Compute("correct horse", memoryKiB: 64, iterations: 2);

        Assert.Matches("^\\$argon2id\\$v=19\\$m=64,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$", first);
        Assert.NotEqual(first, second);
        Assert.True(PasswordHash.Verify(first, "correct horse"));
        Assert.True(PasswordHash.Verify(second, "correct horse"));
        Assert.False(PasswordHash.Verify(first, "correct horsf"));
        Assert.False(PasswordHash.Verify(first, string.Empty));
        Assert.True(PasswordHash.IsPasswordHash(first));
    }

    [Fact]
    public void Parameters_are_read_from_the_stored_string_not_from_options()
    {
        string cheap = PasswordHash.Compute("pw", memoryKiB: 8, iterations: 1);

        Assert.Contains("m=8,t=1,", cheap, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify(cheap, "pw"));
        Assert.False(PasswordHash.Verify(cheap.Replace("t=1", "t=2", StringComparison.Ordinal), "pw"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$argon2id$v=19$m=64,t=2,p=1$")]
    [InlineData("$argon2id$v=19$m=7,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=1048577,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=0,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=65,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=2,p=2$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAB$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=64,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_")]
    [InlineData("$argon2id$v=19$m=+64,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_or_out_of_bounds_strings_are_rejected_without_hashing(string stored)
    {
        Assert.False(PasswordHash.IsPasswordHash(stored));
        Assert.False(PasswordHash.Verify(stored, "pw"));
    }
}
