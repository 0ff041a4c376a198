using System;
using System.Buffers.Binary;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Tests.Keys;

public sealed class OrgSessionKeyringTests : IDisposable
{
    private readonly InMemoryOrgKeyStore _store = new();
    private readonly LocalKeyEncryptionKey _kek = LocalKeyEncryptionKey.Generate();
    private readonly CountingKeyEncryptionKey _counting;
    private readonly OrgKeyManager _keyManager;
    private readonly EncryptionContext _context = EncryptionContext.Of("turen.org", "acme", "turen.session", "s-1");

    public OrgSessionKeyringTests()
    {
        _counting = new CountingKeyEncryptionKey(_kek);
        _keyManager = new OrgKeyManager(_store, _counting, new OrgKeyManagerOptions { CreateOrgsOnFirstUse = true });
    }

    private static byte[] DataKey() => RandomNumberGenerator.GetBytes(32);

    [Fact]
    public async Task A_data_key_wrapped_under_the_org_key_unwraps_by_key_name()
    {
        byte[] dataKey = DataKey();
        EncryptedDataKey edk = await new OrgSessionKeyring(_keyManager, "acme").WrapAsync(dataKey, _context);

        Assert.Equal("turen", edk.ProviderId);
        Assert.True(OrgSessionKeyring.TryParse(edk, out string? org, out int version));
        Assert.Equal(("acme", 1), (org, version));
        Assert.StartsWith("org/acme/v1", Encoding.UTF8.GetString(edk.ProviderInfo.Span[..11]), StringComparison.Ordinal);
        Assert.Equal(32 + 16, edk.Ciphertext.Length);

        byte[] output = new byte[32];
        Assert.Equal(32, await OrgSessionKeyring.ForAnyOrg(_keyManager).TryUnwrapAsync(edk, _context, output));
        Assert.Equal(dataKey, output);
    }

    [Fact]
    public async Task The_wrapping_is_a_raw_aes_keyring_wrapping_under_the_org_key()
    {
        // Interop: an ESDK raw AES keyring with namespace "turen", key name "org/acme/v1" and the DEK opens it.
        byte[] dataKey = DataKey();
        EncryptedDataKey edk = await new OrgSessionKeyring(_keyManager, "acme").WrapAsync(dataKey, _context);
        using OrgDataKey dek = await _keyManager.GetKeyAsync("acme", 1);
        Assert.Equal(dataKey, RawAesUnwrap(dek, edk, _context));
    }

    private static byte[] RawAesUnwrap(OrgDataKey dek, EncryptedDataKey edk, EncryptionContext context)
    {
        ReadOnlySpan<byte> info = edk.ProviderInfo.Span;
        int nameLength = info.Length - 8 - 12;
        Assert.Equal("org/acme/v1", Encoding.UTF8.GetString(info[..nameLength]));
        Assert.Equal(128u, BinaryPrimitives.ReadUInt32BigEndian(info[nameLength..]));
        Assert.Equal(12u, BinaryPrimitives.ReadUInt32BigEndian(info[(nameLength + 4)..]));

        byte[] plain = new byte[32];
        using var aes = new AesGcm(dek.KeyBytes, 16);
        aes.Decrypt(info[(nameLength + 8)..], edk.Ciphertext.Span[..32], edk.Ciphertext.Span[32..], plain, context.ToArray());
        return plain;
    }

    [Fact]
    public async Task Blobs_sealed_before_a_rotation_still_open_with_their_version()
    {
        var keyring = new OrgSessionKeyring(_keyManager, "acme");
        byte[] oldKey = DataKey();
        EncryptedDataKey before = await keyring.WrapAsync(oldKey, _context);
        await _keyManager.RotateAsync("acme");
        EncryptedDataKey after = await keyring.WrapAsync(DataKey(), _context);

        Assert.True(OrgSessionKeyring.TryParse(after, out _, out int newVersion));
        Assert.Equal(2, newVersion);
        byte[] output = new byte[32];
        Assert.Equal(32, await keyring.TryUnwrapAsync(before, _context, output));
        Assert.Equal(oldKey, output);
    }

    [Fact]
    public async Task Ten_thousand_opens_of_one_org_make_one_kek_call()
    {
        EncryptedDataKey edk = await new OrgSessionKeyring(_keyManager, "acme").WrapAsync(DataKey(), _context);
        using var reader = new OrgKeyManager(_store, _counting);
        OrgSessionKeyring keyring = OrgSessionKeyring.ForAnyOrg(reader);
        int unwrapsBefore = _counting.Unwraps;
        byte[] output = new byte[32];

        for (int i = 0; i < 10_000; i++)
        {
            Assert.Equal(32, await keyring.TryUnwrapAsync(edk, _context, output));
        }

        Assert.Equal(1, _counting.Unwraps - unwrapsBefore);
        Assert.Equal(1, reader.Statistics.KekCalls);
    }

    [Fact]
    public async Task Entries_it_does_not_own_or_cannot_authenticate_yield_zero()
    {
        byte[] dataKey = DataKey();
        EncryptedDataKey edk = await new OrgSessionKeyring(_keyManager, "acme").WrapAsync(dataKey, _context);
        OrgSessionKeyring any = OrgSessionKeyring.ForAnyOrg(_keyManager);
        byte[] output = new byte[32];

        // Another namespace, another org asserted, another context, unknown version, tampered bytes, short buffer.
        Assert.Equal(0, await any.TryUnwrapAsync(edk with { ProviderId = "aws-kms" }, _context, output));
        Assert.Equal(0, await new OrgSessionKeyring(_keyManager, "other").TryUnwrapAsync(edk, _context, output));
        Assert.Equal(0, await any.TryUnwrapAsync(edk, EncryptionContext.Of("turen.org", "acme", "turen.session", "s-2"), output));
        Assert.Equal(0, await any.TryUnwrapAsync(edk, EncryptionContext.Of("turen.org", "other"), output));
        Assert.Equal(0, await any.TryUnwrapAsync(Rename(edk, "org/acme/v7"), _context, output));
        Assert.Equal(0, await any.TryUnwrapAsync(Rename(edk, "org/acme/v01"), _context, output));
        Assert.Equal(0, await any.TryUnwrapAsync(edk, _context, new byte[16]));
        for (int i = 0; i < edk.Ciphertext.Length; i++)
        {
            byte[] tampered = edk.Ciphertext.ToArray();
            tampered[i] ^= 0x80;
            Assert.Equal(0, await any.TryUnwrapAsync(edk with { Ciphertext = tampered }, _context, output));
            Assert.True(output.All(b => b == 0));
        }

        byte[] info = edk.ProviderInfo.ToArray();
        info[^13] ^= 1; // IV length field
        Assert.Equal(0, await any.TryUnwrapAsync(edk with { ProviderInfo = info }, _context, output));
        Assert.Equal(0, await any.TryUnwrapAsync(edk with { ProviderInfo = new byte[5] }, _context, output));
    }

    [Fact]
    public async Task Retired_versions_no_longer_open()
    {
        var keyring = new OrgSessionKeyring(_keyManager, "acme");
        EncryptedDataKey old = await keyring.WrapAsync(DataKey(), _context);
        await _keyManager.RotateAsync("acme");
        await _keyManager.RetireBelowAsync("acme", 2);

        Assert.Equal(0, await keyring.TryUnwrapAsync(old, _context, new byte[32]));
    }

    [Fact]
    public async Task Sealing_needs_an_org_that_matches_the_context()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await OrgSessionKeyring.ForAnyOrg(_keyManager).WrapAsync(DataKey(), _context));
        await Assert.ThrowsAsync<ArgumentException>(async () => await new OrgSessionKeyring(_keyManager, "other").WrapAsync(DataKey(), _context));
        Assert.Throws<ArgumentException>(() => new OrgSessionKeyring(_keyManager, "not valid"));
    }

    private static EncryptedDataKey Rename(EncryptedDataKey edk, string keyName)
    {
        ReadOnlySpan<byte> info = edk.ProviderInfo.Span;
        byte[] name = Encoding.UTF8.GetBytes(keyName);
        byte[] renamed = new byte[name.Length + 20];
        name.CopyTo(renamed, 0);
        info[^20..].CopyTo(renamed.AsSpan(name.Length));
        return edk with { ProviderInfo = renamed };
    }

    public void Dispose()
    {
        _keyManager.Dispose();
        _kek.Dispose();
    }
}
