using System;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Tests.Envelope;

public sealed class SealOptionsTests
{
    [Theory]
    [InlineData("Tenant")]
    [InlineData("tenant_id")]
    [InlineData("a:b")]
    [InlineData("")]
    [InlineData("aws-crypto-public-key")]
    [InlineData("aws-crypto-anything")]
    public void Context_keys_outside_the_portable_set_or_reserved_are_refused(string key)
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        Assert.Throws<ArgumentException>(() =>
        {
            var context = EncryptionContext.Of(key, "v");
            SessionBlob.Seal(Fixtures.Bytes(10), keyring, Fixtures.Options(context: context));
        });
    }

    [Fact]
    public void Context_cannot_override_the_org_or_session()
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        Assert.Throws<ArgumentException>(() => SessionBlob.Seal(Fixtures.Bytes(10), keyring, Fixtures.Options(context: EncryptionContext.Of("turen.org", "other"))));
        Assert.Throws<ArgumentException>(() => SessionBlob.Seal(Fixtures.Bytes(10), keyring, new SealOptions { OrgId = "", SessionId = "s" }));
    }

    [Fact]
    public void Portable_keys_are_stored_in_utf8_order()
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] blob = SessionBlob.Seal(Fixtures.Bytes(10), keyring, Fixtures.Options(context: EncryptionContext.Of("tool/name", "bash", "a.b-c/0", "x")));
        Assert.Equal(new[] { "a.b-c/0", "tool/name", "turen.org", "turen.session" }, SessionBlob.ReadUnverifiedHeader(blob).Context.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData((1 << 30) + 1)]
    public void Frame_length_out_of_range_is_refused(int frameLength)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SealOptions { OrgId = "o", SessionId = "s", FrameLength = frameLength });
    }

    [Fact]
    public void Open_option_limits_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenOptions { MaxEncryptedDataKeys = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenOptions { MaxFrameLength = 0 });
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] blob = SessionBlob.Seal(Fixtures.Bytes(10), keyring, Fixtures.Options());
        Assert.Throws<ArgumentNullException>(() => SessionBlob.Open(blob, keyring, new OpenOptions { ExpectedContext = null! }));
        Assert.Throws<ArgumentNullException>(() => SessionBlob.Open(blob, null!));
    }
}
