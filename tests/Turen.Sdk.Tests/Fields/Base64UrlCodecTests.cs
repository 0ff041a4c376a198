using System;
using System.Text;
using Turen.Sdk.Fields;
using Turen.Sdk.Fields.Format;

namespace Turen.Sdk.Tests.Fields;

/// <summary>RFC 4648 §10 test vectors, in the unpadded url alphabet (§5), and rejection of every non-canonical form.</summary>
public sealed class Base64UrlCodecTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg")]
    [InlineData("fo", "Zm8")]
    [InlineData("foo", "Zm9v")]
    [InlineData("foob", "Zm9vYg")]
    [InlineData("fooba", "Zm9vYmE")]
    [InlineData("foobar", "Zm9vYmFy")]
    public void Rfc4648_vectors_encode_and_decode(string text, string encoded)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        Assert.Equal(encoded, Base64UrlCodec.Encode(bytes));

        byte[] decoded = new byte[Base64UrlCodec.GetMaxDecodedLength(encoded.Length) + 3];
        Assert.True(Base64UrlCodec.TryDecode(encoded, decoded, out int written));
        Assert.Equal(bytes, decoded[..written]);
    }

    [Fact]
    public void Url_alphabet_replaces_plus_and_slash()
    {
        Assert.Equal("-_8", Base64UrlCodec.Encode(new byte[] { 0xfb, 0xff }));
    }

    [Theory]
    [InlineData("Zm9v=")]
    [InlineData("Zg==")]
    [InlineData("Z")]
    [InlineData("Zm9v+")]
    [InlineData("Zm/v")]
    [InlineData("Zm 9v")]
    [InlineData("Zh")]
    [InlineData("Zm9")]
    public void Padding_foreign_characters_bad_lengths_and_non_canonical_tails_are_rejected(string encoded)
    {
        Assert.False(Base64UrlCodec.TryDecode(encoded, new byte[16], out _));
    }

    [Fact]
    public void Long_values_round_trip()
    {
        byte[] bytes = new byte[5000];
        new Random(7).NextBytes(bytes);
        string encoded = Base64UrlCodec.Encode(bytes);
        byte[] decoded = new byte[Base64UrlCodec.GetMaxDecodedLength(encoded.Length) + 3];

        Assert.True(Base64UrlCodec.TryDecode(encoded, decoded, out int written));
        Assert.Equal(bytes, decoded[..written]);
    }
}
