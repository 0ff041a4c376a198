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

    // What System.Buffers.Text.Base64Url accepts and the codec must still refuse, through both the char and UTF-8 paths.
    [Theory]
    [InlineData("Zm9v\n")]
    [InlineData("Zm\t9v")]
    [InlineData("\rZm9v")]
    [InlineData("Zm8=")]
    [InlineData("Zm9vYg==")]
    [InlineData("Zm9vYh")]
    [InlineData("Zm9vYmF")]
    [InlineData("Zm9é")]
    [InlineData("Zm9v\u0000")]
    public void Forms_the_bcl_decoder_tolerates_are_rejected_as_text_and_as_utf8(string encoded)
    {
        Assert.False(Base64UrlCodec.TryDecode(encoded, new byte[16], out _));
        Assert.False(Base64UrlCodec.TryDecodeUtf8(Encoding.UTF8.GetBytes(encoded), new byte[16], out _));
    }

    [Fact]
    public void Utf8_path_decodes_what_the_text_path_decodes()
    {
        byte[] bytes = new byte[257];
        new Random(11).NextBytes(bytes);
        for (int length = 0; length <= bytes.Length; length++)
        {
            string encoded = Base64UrlCodec.Encode(bytes.AsSpan(0, length));
            byte[] decoded = new byte[Base64UrlCodec.GetMaxDecodedLength(encoded.Length)];

            Assert.True(Base64UrlCodec.TryDecodeUtf8(Encoding.ASCII.GetBytes(encoded), decoded, out int written));
            Assert.Equal(bytes.AsSpan(0, length).ToArray(), decoded[..written]);
        }
    }

    [Fact]
    public void A_destination_too_small_is_a_refusal_not_an_exception()
    {
        Assert.False(Base64UrlCodec.TryDecode("Zm9vYmFy", new byte[5], out _));
        Assert.False(Base64UrlCodec.TryDecodeUtf8("Zm9vYmFy"u8, new byte[5], out _));
    }
}
