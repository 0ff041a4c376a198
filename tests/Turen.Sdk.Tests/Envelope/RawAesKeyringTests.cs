using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Tests.Envelope;

public sealed class RawAesKeyringTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    public void Every_wrapping_key_size_round_trips(int size)
    {
        using RawAesKeyring keyring = RawAesKeyring.Create("turen", "k", Fixtures.Bytes(size));
        byte[] blob = SessionBlob.Seal(Fixtures.Bytes(100), keyring, Fixtures.Options(32));
        Assert.Equal(Fixtures.Bytes(100), SessionBlob.Open(blob, keyring));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(31)]
    [InlineData(64)]
    public void Bad_key_sizes_are_refused(int size)
    {
        Assert.Throws<ArgumentException>(() => RawAesKeyring.Create("turen", "k", new byte[size]));
    }

    [Fact]
    public void Reserved_namespace_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RawAesKeyring.Create("aws-kms", "k", new byte[32]));
    }

    [Fact]
    public async Task Encrypted_data_key_has_the_esdk_layout()
    {
        using RawAesKeyring keyring = RawAesKeyring.Create("turen", "org-dek-1", Fixtures.WrappingKey);
        EncryptionContext context = EncryptionContext.Of("turen.org", "acme");
        EncryptedDataKey edk = await keyring.WrapAsync(new byte[32], context);
        Assert.Equal("turen", edk.ProviderId);
        Assert.Equal(9 + 20, edk.ProviderInfo.Length);
        Assert.Equal(128u, BinaryPrimitives.ReadUInt32BigEndian(edk.ProviderInfo.Span[9..]));
        Assert.Equal(12u, BinaryPrimitives.ReadUInt32BigEndian(edk.ProviderInfo.Span[13..]));
        Assert.Equal(48, edk.Ciphertext.Length);

        byte[] dataKey = new byte[32];
        Assert.Equal(32, await keyring.TryUnwrapAsync(edk, context, dataKey));
        Assert.Equal(0, await keyring.TryUnwrapAsync(edk, EncryptionContext.Of("turen.org", "evil"), dataKey));
    }

    [Fact]
    public async Task Disposed_keyring_refuses_work_and_never_prints_its_key()
    {
        RawAesKeyring keyring = RawAesKeyring.Generate("turen", "k");
        byte[] exported = new byte[32];
        Assert.Equal(32, keyring.ExportKey(exported));
        Assert.DoesNotContain(Convert.ToBase64String(exported), keyring.ToString(), StringComparison.Ordinal);
        Assert.Equal(256, keyring.KeySizeInBits);
        keyring.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await keyring.WrapAsync(new byte[32], EncryptionContext.Empty));
        Assert.Throws<ObjectDisposedException>(() => keyring.ExportKey(exported));
    }
}
