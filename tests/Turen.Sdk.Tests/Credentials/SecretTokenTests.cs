using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Turen.Sdk.Credentials;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Tests.Credentials;

public sealed class SecretTokenTests
{
    // CRC-32/ISO-HDLC check value of "123456789" is 0xCBF43926 = 3421780262, which is "3jZRME" in 6 base62 digits.
    [Fact]
    public void Checksum_matches_the_crc32_check_value()
    {
        Assert.Equal("3jZRME", SecretTokenFormat.Checksum("123456789", 9));
        byte[] ascii = "123456789"u8.ToArray();
        byte[] digits = new byte[6];
        SecretTokenFormat.WriteChecksum(ascii, 9, digits, 0);
        Assert.Equal("3jZRME", System.Text.Encoding.ASCII.GetString(digits));
    }

    [Fact]
    public void Parses_a_known_test_vector()
    {
        // Computed independently (Python zlib.crc32 + base62) for prefix as_test_ and a body of 32 '0's.
        using AgentSecret secret = AgentSecret.Parse("as_test_000000000000000000000000000000001oRWF7");
        Assert.Equal(SecretEnvironment.Test, secret.Environment);
        Assert.Equal("as_test_", secret.Prefix);
    }

    [Theory]
    [InlineData(SecretEnvironment.Live, "as_live_")]
    [InlineData(SecretEnvironment.Test, "as_test_")]
    public void Generated_agent_secrets_are_well_formed(SecretEnvironment environment, string prefix)
    {
        using AgentSecret secret = AgentSecret.Generate(environment);
        string text = secret.Reveal();
        Assert.Equal(46, text.Length);
        Assert.StartsWith(prefix, text, StringComparison.Ordinal);
        Assert.True(SecretTokenFormat.IsWellFormed(text));
        Assert.Equal(environment, secret.Environment);
    }

    [Theory]
    [InlineData(SecretEnvironment.Live, "ak_live_")]
    [InlineData(SecretEnvironment.Test, "ak_test_")]
    public void Generated_api_keys_are_well_formed_and_carry_their_lookup_id(SecretEnvironment environment, string prefix)
    {
        using ApiKey key = ApiKey.Generate(environment);
        string text = key.Reveal();
        Assert.True(SecretTokenFormat.IsWellFormed(text));
        Assert.StartsWith(prefix, text, StringComparison.Ordinal);
        Assert.Equal(text.Substring(0, 16), key.LookupId);
        Assert.True(ApiKey.IsLookupId(key.LookupId));
    }

    [Fact]
    public void Generated_bodies_are_distinct_and_use_the_whole_alphabet()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var characters = new HashSet<char>();
        for (int i = 0; i < 2000; i++)
        {
            using AgentSecret secret = AgentSecret.Generate();
            string text = secret.Reveal();
            Assert.True(seen.Add(text));
            foreach (char c in text.AsSpan(8, 32))
            {
                characters.Add(c);
            }
        }

        // 64 000 uniform draws from 62 symbols: missing one has probability ~62·e^-1032.
        Assert.Equal(62, characters.Count);
    }

    [Fact]
    public void Parse_round_trips()
    {
        using AgentSecret secret = AgentSecret.Generate();
        using AgentSecret parsed = AgentSecret.Parse(secret.Reveal());
        Assert.Equal(secret, parsed);
        Assert.True(secret.Equals((object)parsed));
        Assert.Equal(secret.GetHashCode(), parsed.GetHashCode());
    }

    public static IEnumerable<object?[]> MalformedAgentSecrets()
    {
        string good;
        using (AgentSecret secret = AgentSecret.Generate())
        {
            good = secret.Reveal();
        }

        char last = good[^1];
        yield return new object?[] { null };
        yield return new object?[] { string.Empty };
        yield return new object?[] { good.Substring(0, 45) };
        yield return new object?[] { good + "0" };
        yield return new object?[] { good.Substring(0, 45) + (last == 'a' ? 'b' : 'a') }; // wrong checksum
        yield return new object?[] { "ak_live_" + good.Substring(8) }; // an API-key prefix is not an agent secret
        yield return new object?[] { "AS_LIVE_" + good.Substring(8) };
        yield return new object?[] { good.Substring(0, 10) + "-" + good.Substring(11) };
        yield return new object?[] { good.Substring(0, 10) + "é" + good.Substring(11) };
        yield return new object?[] { " " + good.Substring(1) };
        yield return new object?[] { good.Substring(0, 20) + good[21] + good[20] + good.Substring(22) }; // transposition
    }

    [Theory]
    [MemberData(nameof(MalformedAgentSecrets))]
    public void Malformed_agent_secrets_are_refused_without_echoing_the_text(string? text)
    {
        Assert.False(AgentSecret.TryParse(text, out AgentSecret? parsed));
        Assert.Null(parsed);
        if (text is not null)
        {
            var ex = Assert.Throws<InvalidSecretTokenException>(() => AgentSecret.Parse(text));
            if (text.Length > 8)
            {
                Assert.DoesNotContain(text.Substring(8), ex.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Api_keys_refuse_agent_secrets_and_the_other_way_round()
    {
        using AgentSecret secret = AgentSecret.Generate();
        using ApiKey key = ApiKey.Generate();
        Assert.False(ApiKey.TryParse(secret.Reveal(), out _));
        Assert.False(AgentSecret.TryParse(key.Reveal(), out _));
        Assert.Throws<InvalidSecretTokenException>(() => ApiKey.Parse(secret.Reveal()));
    }

    [Fact]
    public void ToString_is_redacted()
    {
        using AgentSecret secret = AgentSecret.Generate();
        string text = secret.Reveal();
        string shown = secret.ToString();
        Assert.Equal(secret.Redacted, shown);
        Assert.Equal("as_live_…" + text.Substring(42), shown);
        Assert.DoesNotContain(text.Substring(8, 32), shown, StringComparison.Ordinal);
        Assert.Equal(shown, $"{secret}");
    }

    [Fact]
    public void There_is_no_conversion_to_string()
    {
        foreach (Type type in new[] { typeof(SecretToken), typeof(AgentSecret), typeof(ApiKey) })
        {
            MethodInfo[] conversions = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.Name is "op_Implicit" or "op_Explicit")
                .ToArray();
            Assert.Empty(conversions);
        }
    }

    [Fact]
    public void Equality_compares_full_tokens_and_kinds()
    {
        using AgentSecret a = AgentSecret.Parse("as_test_000000000000000000000000000000001oRWF7");
        using AgentSecret b = AgentSecret.Generate(SecretEnvironment.Test);
        Assert.NotEqual(a, b);
        Assert.False(a.Equals(null));
        Assert.False(a.Equals((object)"as_test_000000000000000000000000000000001oRWF7"));
    }

    [Fact]
    public void Dispose_zeroes_and_blocks_further_use()
    {
        AgentSecret secret = AgentSecret.Generate();
        secret.Dispose();
        secret.Dispose();
        Assert.Throws<ObjectDisposedException>(() => secret.Reveal());
        Assert.Throws<ObjectDisposedException>(() => secret.Redacted);
        Assert.Equal("as_live_…(disposed)", secret.ToString());
    }

    [Fact]
    public void CopyTo_writes_the_ascii_and_checks_the_length()
    {
        using ApiKey key = ApiKey.Generate();
        byte[] buffer = new byte[SecretToken.Length];
        key.CopyTo(buffer);
        Assert.Equal(key.Reveal(), System.Text.Encoding.ASCII.GetString(buffer));
        Assert.Throws<ArgumentException>(() => key.CopyTo(new byte[SecretToken.Length - 1]));
    }

    [Theory]
    [InlineData("ak_live_Abcdefgh", true)]
    [InlineData("ak_test_01234567", true)]
    [InlineData("as_live_Abcdefgh", false)]
    [InlineData("ak_live_Abcdefg", false)]
    [InlineData("ak_live_Abcdefg!", false)]
    [InlineData(null, false)]
    public void Lookup_ids_are_recognised(string? id, bool expected) => Assert.Equal(expected, ApiKey.IsLookupId(id));
}
