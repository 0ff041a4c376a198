using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Keys;

/// <summary>
/// The embedded key-encryption key: a 256-bit AES key in a file (by default <c>~/.turen/kek.key</c>), created
/// owner-only, optionally sealed with a passphrase (Argon2id). Wraps DEKs with AES-256-GCM under a random
/// 96-bit nonce with the <see cref="OrgKeyContext"/> as additional data.
/// </summary>
/// <remarks>
/// <para>Key file: see <see cref="LocalKeyFile"/> (format 1 plain, format 2 sealed with an Argon2id passphrase).</para>
/// <para>Wrapped DEK (61 bytes): format byte 1, 12-byte nonce, 32-byte ciphertext, 16-byte tag. Random nonces are safe
/// here because one KEK wraps few keys (far below the 2^32 messages per key that random 96-bit nonces allow).</para>
/// </remarks>
public sealed class LocalKeyEncryptionKey : IKeyEncryptionKey, IDisposable
{
    /// <summary>The size of the KEK in bytes.</summary>
    public const int KeySizeInBytes = 32;

    internal const int WrappedKeyLength = 1 + NonceLength + OrgDataKey.KeySizeInBytes + TagLength;
    private const byte WrappedFormat = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly byte[] _key;
    private int _disposed;

    private LocalKeyEncryptionKey(ReadOnlySpan<byte> key, string? filePath)
    {
        _key = GC.AllocateArray<byte>(KeySizeInBytes, pinned: true);
        key.CopyTo(_key);
        KeyId = "local:" + ComputeFingerprint(_key);
        FilePath = filePath;
    }

    /// <summary><c>local:</c> and 16 hex digits of an HMAC of the key: identifies the key without revealing it.</summary>
    public string KeyId { get; }

    /// <summary>The key file, or null for a key made in memory.</summary>
    public string? FilePath { get; }

    /// <summary>Creates a KEK from key bytes (for tests and key escrow); the caller keeps and should zero its copy.</summary>
    public static LocalKeyEncryptionKey FromKeyBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySizeInBytes)
        {
            throw new ArgumentException($"A local KEK is {KeySizeInBytes} bytes.", nameof(key));
        }

        return new LocalKeyEncryptionKey(key, null);
    }

    /// <summary>Generates a KEK in memory (nothing is written).</summary>
    public static LocalKeyEncryptionKey Generate()
    {
        Span<byte> key = stackalloc byte[KeySizeInBytes];
        RandomNumberGenerator.Fill(key);
        try
        {
            return new LocalKeyEncryptionKey(key, null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Creates a new key file at <paramref name="path"/> (owner read/write only) holding a fresh random key, sealed with
    /// <paramref name="passphrase"/> when one is given.
    /// </summary>
    /// <exception cref="IOException">The file already exists (it is never overwritten).</exception>
    public static LocalKeyEncryptionKey Create(string path, string? passphrase = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] key = GC.AllocateArray<byte>(KeySizeInBytes, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(key);
            LocalKeyFile.CreateNew(path, key, passphrase);
            return new LocalKeyEncryptionKey(key, Path.GetFullPath(path));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Loads the key file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no key file.</exception>
    /// <exception cref="KeyAccessDeniedException">The file is readable by group or others, or the passphrase is wrong or missing.</exception>
    /// <exception cref="InvalidDataException">The file is not a Turen key file.</exception>
    public static LocalKeyEncryptionKey Load(string path, string? passphrase = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        byte[] key = GC.AllocateArray<byte>(KeySizeInBytes, pinned: true);
        try
        {
            LocalKeyFile.Read(full, passphrase, key);
            return new LocalKeyEncryptionKey(key, full);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Loads the key file, creating it first when it does not exist; <c>created</c> says which happened.</summary>
    public static LocalKeyEncryptionKey LoadOrCreate(string path, string? passphrase, out bool created)
    {
        if (!File.Exists(path))
        {
            try
            {
                created = true;
                return Create(path, passphrase);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        created = false;
        return Load(path, passphrase);
    }

    /// <summary>True when the key file at <paramref name="path"/> is sealed with a passphrase.</summary>
    public static bool IsPassphraseSealed(string path) => LocalKeyFile.IsPassphraseSealed(path);

    /// <summary>Writes this key to a new file, sealed with <paramref name="passphrase"/> if given (used by KEK rotation).</summary>
    public void Save(string path, string? passphrase = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        LocalKeyFile.CreateNew(path, _key, passphrase);
    }

    /// <inheritdoc/>
    public ValueTask<GeneratedOrgDataKey> GenerateAsync(OrgKeyContext context, CancellationToken cancellationToken = default)
    {
        OrgDataKey key = OrgDataKey.Generate(context.OrgId, context.Version);
        try
        {
            return ValueTask.FromResult(new GeneratedOrgDataKey(key, Wrap(context, key.KeyBytes)));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask<byte[]> WrapAsync(OrgDataKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ValueTask.FromResult(Wrap(new OrgKeyContext(key.OrgId, key.Version), key.KeyBytes));
    }

    /// <inheritdoc/>
    public ValueTask<OrgDataKey> UnwrapAsync(OrgKeyContext context, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ReadOnlySpan<byte> wrapped = wrappedKey.Span;
        if (wrapped.Length != WrappedKeyLength || wrapped[0] != WrappedFormat)
        {
            throw new KeyUnwrapException($"The wrapped key of {context} is not a local KEK wrapping ({wrapped.Length} bytes).");
        }

        byte[] aad = context.ToEncryptionContext().ToArray();
        Span<byte> plain = stackalloc byte[OrgDataKey.KeySizeInBytes];
        try
        {
            // AesGcm instances are not thread-safe and KEK calls are rare (the cache absorbs them): one per call.
            using var aes = new AesGcm(_key, TagLength);
            aes.Decrypt(
                wrapped.Slice(1, NonceLength),
                wrapped.Slice(1 + NonceLength, OrgDataKey.KeySizeInBytes),
                wrapped.Slice(1 + NonceLength + OrgDataKey.KeySizeInBytes, TagLength),
                plain,
                aad);
            return ValueTask.FromResult(OrgDataKey.Create(context.OrgId, context.Version, plain));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new KeyUnwrapException(
                $"The wrapped key of {context} does not authenticate under {KeyId}: another KEK, org or version made it, or it was altered.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Zeroes the key.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CryptographicOperations.ZeroMemory(_key);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"LocalKeyEncryptionKey {{ KeyId = {KeyId} }}";

    private byte[] Wrap(OrgKeyContext context, ReadOnlySpan<byte> dek)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        OrgIds.Validate(context.OrgId);
        byte[] aad = context.ToEncryptionContext().ToArray();
        byte[] wrapped = new byte[WrappedKeyLength];
        wrapped[0] = WrappedFormat;
        Span<byte> nonce = wrapped.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagLength);
        aes.Encrypt(nonce, dek, wrapped.AsSpan(1 + NonceLength, OrgDataKey.KeySizeInBytes), wrapped.AsSpan(1 + NonceLength + OrgDataKey.KeySizeInBytes, TagLength), aad);
        return wrapped;
    }

    private static string ComputeFingerprint(ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, "turen local kek id v1"u8, mac);
        return Convert.ToHexString(mac[..8]).ToLowerInvariant();
    }
}
