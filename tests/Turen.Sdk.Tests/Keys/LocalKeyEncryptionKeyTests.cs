using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Tests.Keys;

public sealed class LocalKeyEncryptionKeyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "turen-kek-" + Guid.NewGuid().ToString("N")[..12]);

    public LocalKeyEncryptionKeyTests()
    {
        Directory.CreateDirectory(_folder);
        // Cheap Argon2id for tests; the file records the cost, so loading uses the same parameters.
        LocalKeyFile.PassphraseCost = (8 * 1024, 1);
    }

    private string KeyFile => Path.Combine(_folder, "kek.key");

    [Fact]
    public async Task Wrap_then_unwrap_returns_the_same_key_for_the_same_context()
    {
        using var kek = LocalKeyEncryptionKey.Generate();
        using GeneratedOrgDataKey generated = await kek.GenerateAsync(OrgKeyContext.Create("acme", 3));

        using OrgDataKey unwrapped = await kek.UnwrapAsync(new OrgKeyContext("acme", 3), generated.WrappedKey);

        Assert.Equal(LocalKeyEncryptionKey.WrappedKeyLength, generated.WrappedKey.Length);
        Assert.Equal(("acme", 3), (unwrapped.OrgId, unwrapped.Version));
        Assert.True(unwrapped.KeyBytes.SequenceEqual(generated.Key.KeyBytes));
        byte[] again = await kek.WrapAsync(generated.Key);
        Assert.NotEqual(generated.WrappedKey, again); // fresh nonce every time
        using OrgDataKey fromAgain = await kek.UnwrapAsync(new OrgKeyContext("acme", 3), again);
        Assert.True(fromAgain.KeyBytes.SequenceEqual(generated.Key.KeyBytes));
    }

    [Theory]
    [InlineData("other", 3)]
    [InlineData("acme", 2)]
    [InlineData("acme", 4)]
    public async Task A_wrapped_key_does_not_unwrap_for_another_org_or_version(string org, int version)
    {
        using var kek = LocalKeyEncryptionKey.Generate();
        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("acme", 3));

        KeyUnwrapException ex = await Assert.ThrowsAsync<KeyUnwrapException>(async () => await kek.UnwrapAsync(new OrgKeyContext(org, version), generated.WrappedKey));
        Assert.Contains(kek.KeyId, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_flipped_bit_of_a_wrapped_key_is_detected()
    {
        using var kek = LocalKeyEncryptionKey.Generate();
        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("acme", 1));

        for (int bit = 0; bit < generated.WrappedKey.Length * 8; bit++)
        {
            byte[] tampered = generated.WrappedKey.ToArray();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            await Assert.ThrowsAsync<KeyUnwrapException>(async () => await kek.UnwrapAsync(new OrgKeyContext("acme", 1), tampered));
        }

        await Assert.ThrowsAsync<KeyUnwrapException>(async () => await kek.UnwrapAsync(new OrgKeyContext("acme", 1), generated.WrappedKey.AsMemory(0, 60)));
        await Assert.ThrowsAsync<KeyUnwrapException>(async () => await kek.UnwrapAsync(new OrgKeyContext("acme", 1), ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public async Task Another_kek_cannot_unwrap()
    {
        using var a = LocalKeyEncryptionKey.Generate();
        using var b = LocalKeyEncryptionKey.Generate();
        using GeneratedOrgDataKey generated = await a.GenerateAsync(new OrgKeyContext("acme", 1));

        Assert.NotEqual(a.KeyId, b.KeyId);
        await Assert.ThrowsAsync<KeyUnwrapException>(async () => await b.UnwrapAsync(new OrgKeyContext("acme", 1), generated.WrappedKey));
    }

    [Fact]
    public async Task Create_writes_an_owner_only_file_that_loads_to_the_same_key()
    {
        byte[] wrapped;
        string keyId;
        using (var created = LocalKeyEncryptionKey.Create(KeyFile))
        {
            using GeneratedOrgDataKey generated = await created.GenerateAsync(new OrgKeyContext("acme", 1));
            wrapped = generated.WrappedKey;
            keyId = created.KeyId;
            Assert.Equal(Path.GetFullPath(KeyFile), created.FilePath);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }

        using var loaded = LocalKeyEncryptionKey.Load(KeyFile);
        Assert.Equal(keyId, loaded.KeyId);
        Assert.Matches("^local:[0-9a-f]{16}$", loaded.KeyId);
        using OrgDataKey key = await loaded.UnwrapAsync(new OrgKeyContext("acme", 1), wrapped);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Create_never_overwrites_an_existing_file()
    {
        using (LocalKeyEncryptionKey.Create(KeyFile))
        {
        }

        byte[] before = File.ReadAllBytes(KeyFile);
        Assert.ThrowsAny<IOException>(() => LocalKeyEncryptionKey.Create(KeyFile));
        Assert.Equal(before, File.ReadAllBytes(KeyFile));
    }

    [Fact]
    public void LoadOrCreate_is_idempotent()
    {
        using var first = LocalKeyEncryptionKey.LoadOrCreate(KeyFile, null, out bool created1);
        using var second = LocalKeyEncryptionKey.LoadOrCreate(KeyFile, null, out bool created2);

        Assert.True(created1);
        Assert.False(created2);
        Assert.Equal(first.KeyId, second.KeyId);
    }

    [Fact]
    public void A_key_file_readable_by_others_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (LocalKeyEncryptionKey.Create(KeyFile))
        {
        }

        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        KeyAccessDeniedException ex = Assert.Throws<KeyAccessDeniedException>(() => LocalKeyEncryptionKey.Load(KeyFile));
        Assert.Contains("chmod 600", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'T', (byte)'K', (byte)'E', (byte)'K' })]
    [InlineData(new byte[] { (byte)'X', (byte)'K', (byte)'E', (byte)'K', 1 })]
    [InlineData(new byte[] { (byte)'T', (byte)'K', (byte)'E', (byte)'K', 9 })]
    [InlineData(new byte[] { (byte)'T', (byte)'K', (byte)'E', (byte)'K', 1, 2, 3 })]
    public void A_file_that_is_not_a_key_file_is_rejected(byte[] contents)
    {
        File.WriteAllBytes(KeyFile, contents);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Throws<InvalidDataException>(() => LocalKeyEncryptionKey.Load(KeyFile));
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        Assert.Throws<FileNotFoundException>(() => LocalKeyEncryptionKey.Load(KeyFile));
    }

    [Fact]
    public async Task A_passphrase_sealed_file_opens_only_with_its_passphrase()
    {
        string keyId;
        byte[] wrapped;
        using (var created = LocalKeyEncryptionKey.Create(KeyFile, "correct horse"))
        {
            keyId = created.KeyId;
            using GeneratedOrgDataKey generated = await created.GenerateAsync(new OrgKeyContext("acme", 1));
            wrapped = generated.WrappedKey;
        }

        Assert.True(LocalKeyEncryptionKey.IsPassphraseSealed(KeyFile));
        Assert.Equal(LocalKeyEncryptionKey.KeySizeInBytes + 5 + 16 + 8 + 12 + 16, new FileInfo(KeyFile).Length);
        Assert.Throws<KeyAccessDeniedException>(() => LocalKeyEncryptionKey.Load(KeyFile));
        Assert.Throws<KeyAccessDeniedException>(() => LocalKeyEncryptionKey.Load(KeyFile, "wrong horse"));
        using var loaded = LocalKeyEncryptionKey.Load(KeyFile, "correct horse");
        Assert.Equal(keyId, loaded.KeyId);
        using OrgDataKey key = await loaded.UnwrapAsync(new OrgKeyContext("acme", 1), wrapped);
    }

    [Fact]
    public void A_tampered_sealed_file_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (LocalKeyEncryptionKey.Create(KeyFile, "pw"))
        {
        }

        byte[] file = File.ReadAllBytes(KeyFile);
        for (int i = 5; i < file.Length; i++)
        {
            byte[] tampered = (byte[])file.Clone();
            tampered[i] ^= 1;
            File.Delete(KeyFile);
            File.WriteAllBytes(KeyFile, tampered);
            File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            // Header bytes change the Argon2 input or cost (rejected as out of range, or failing the tag).
            Exception ex = Assert.ThrowsAny<Exception>(() => LocalKeyEncryptionKey.Load(KeyFile, "pw"));
            Assert.True(ex is KeyAccessDeniedException or InvalidDataException, ex.GetType().Name);
        }
    }

    [Fact]
    public void An_unsealed_file_refuses_a_passphrase()
    {
        using (LocalKeyEncryptionKey.Create(KeyFile))
        {
        }

        Assert.False(LocalKeyEncryptionKey.IsPassphraseSealed(KeyFile));
        Assert.Throws<KeyAccessDeniedException>(() => LocalKeyEncryptionKey.Load(KeyFile, "pw"));
    }

    [Fact]
    public async Task Save_copies_the_key_to_a_new_file()
    {
        using var kek = LocalKeyEncryptionKey.Generate();
        kek.Save(KeyFile, "pw");
        using var loaded = LocalKeyEncryptionKey.Load(KeyFile, "pw");

        Assert.Equal(kek.KeyId, loaded.KeyId);
        using GeneratedOrgDataKey generated = await kek.GenerateAsync(new OrgKeyContext("a", 1));
        using OrgDataKey key = await loaded.UnwrapAsync(new OrgKeyContext("a", 1), generated.WrappedKey);
    }

    [Fact]
    public async Task A_disposed_kek_refuses_to_work_and_never_prints_its_key()
    {
        byte[] raw = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var kek = LocalKeyEncryptionKey.FromKeyBytes(raw);
        Assert.DoesNotContain(Convert.ToHexString(raw), kek.ToString(), StringComparison.OrdinalIgnoreCase);
        kek.Dispose();
        kek.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await kek.GenerateAsync(new OrgKeyContext("a", 1)));
        Assert.Throws<ArgumentException>(() => LocalKeyEncryptionKey.FromKeyBytes(new byte[16]));
    }

    [Fact]
    public async Task Invalid_contexts_are_rejected()
    {
        using var kek = LocalKeyEncryptionKey.Generate();
        Assert.Throws<ArgumentException>(() => OrgKeyContext.Create("a/b", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrgKeyContext.Create("a", 0));
        await Assert.ThrowsAsync<ArgumentException>(async () => await kek.GenerateAsync(new OrgKeyContext("bad org", 1)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
