using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Keys;

/// <summary>
/// The embedded key-encryption key: a 256-bit AES key in a file (by default <c>~/.turen/kek.key</c>), created
/// owner-only, optionally sealed with a passphrase (Argon2id). Wraps DEKs with AES-256-GCM under a random
/// 96-bit nonce with the <see cref="OrgKeyContext"/> as additional data.
/// </summary>
/// <remarks>
/// <para>Key file: <c>"TKEK"</c>, a format byte, then for format 1 the 32 key bytes; for format 2 (passphrase) a 16-byte
/// salt, Argon2id memory (KiB) and passes (big-endian uint32), a 12-byte nonce and the AES-GCM-sealed key with its
/// 16-byte tag, the header authenticated as additional data.</para>
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
    private const byte PlainFileFormat = 1;
    private const byte SealedFileFormat = 2;
    private const int SaltLength = 16;
    private const int PlainFileLength = 5 + KeySizeInBytes;
    private const int SealedHeaderLength = 5 + SaltLength + 4 + 4;
    private const int SealedFileLength = SealedHeaderLength + NonceLength + KeySizeInBytes + TagLength;
    private static ReadOnlySpan<byte> Magic => "TKEK"u8;

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

    /// <summary>Argon2id settings for passphrase-sealed key files; the file records them, so they may change later.</summary>
    internal static (int MemoryKiB, int Passes) PassphraseCost { get; set; } = (64 * 1024, 3);

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
        byte[]? file = null;
        try
        {
            RandomNumberGenerator.Fill(key);
            file = passphrase is null ? EncodePlain(key) : Seal(key, passphrase);
            WriteNewOwnerOnly(path, file);
            return new LocalKeyEncryptionKey(key, Path.GetFullPath(path));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (file is not null)
            {
                CryptographicOperations.ZeroMemory(file);
            }
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
        if (!OperatingSystem.IsWindows() &&
            (File.GetUnixFileMode(full) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new KeyAccessDeniedException($"The key file '{full}' is accessible by other users; run 'chmod 600' on it.");
        }

        byte[] file = File.ReadAllBytes(full);
        byte[] key = GC.AllocateArray<byte>(KeySizeInBytes, pinned: true);
        try
        {
            if (file.Length < 5 || !file.AsSpan(0, 4).SequenceEqual(Magic))
            {
                throw new InvalidDataException($"'{full}' is not a Turen key file.");
            }

            switch (file[4])
            {
                case PlainFileFormat when file.Length == PlainFileLength:
                    if (passphrase is not null)
                    {
                        throw new KeyAccessDeniedException($"The key file '{full}' is not sealed with a passphrase, but one was given.");
                    }

                    file.AsSpan(5, KeySizeInBytes).CopyTo(key);
                    break;
                case SealedFileFormat when file.Length == SealedFileLength:
                    if (passphrase is null)
                    {
                        throw new KeyAccessDeniedException($"The key file '{full}' is sealed with a passphrase; supply it (TUREN_PASSPHRASE).");
                    }

                    Unseal(file, passphrase, key, full);
                    break;
                default:
                    throw new InvalidDataException($"'{full}' has an unknown key file format or length.");
            }

            return new LocalKeyEncryptionKey(key, full);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(file);
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
    public static bool IsPassphraseSealed(string path)
    {
        Span<byte> header = stackalloc byte[5];
        using FileStream stream = File.OpenRead(path);
        return stream.ReadAtLeast(header, 5, throwOnEndOfStream: false) == 5 && header[..4].SequenceEqual(Magic) && header[4] == SealedFileFormat;
    }

    /// <summary>Writes this key to a new file, sealed with <paramref name="passphrase"/> if given (used by KEK rotation).</summary>
    public void Save(string path, string? passphrase = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        byte[] file = passphrase is null ? EncodePlain(_key) : Seal(_key, passphrase);
        try
        {
            WriteNewOwnerOnly(path, file);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(file);
        }
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

    private static byte[] EncodePlain(ReadOnlySpan<byte> key)
    {
        byte[] file = new byte[PlainFileLength];
        Magic.CopyTo(file);
        file[4] = PlainFileFormat;
        key.CopyTo(file.AsSpan(5));
        return file;
    }

    private static void WriteNewOwnerOnly(string path, byte[] contents)
    {
        string full = Path.GetFullPath(path);
        string temp = full + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            // Written beside the target and moved into place, so a crash never leaves a half-written key file.
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: false);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static byte[] Seal(ReadOnlySpan<byte> key, string passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        (int memoryKiB, int passes) = PassphraseCost;
        byte[] file = new byte[SealedFileLength];
        Magic.CopyTo(file);
        file[4] = SealedFileFormat;
        RandomNumberGenerator.Fill(file.AsSpan(5, SaltLength));
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(5 + SaltLength), (uint)memoryKiB);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(9 + SaltLength), (uint)passes);
        RandomNumberGenerator.Fill(file.AsSpan(SealedHeaderLength, NonceLength));
        Span<byte> wrappingKey = stackalloc byte[KeySizeInBytes];
        try
        {
            DerivePassphraseKey(passphrase, file.AsSpan(5, SaltLength), memoryKiB, passes, wrappingKey);
            using var aes = new AesGcm(wrappingKey, TagLength);
            aes.Encrypt(
                file.AsSpan(SealedHeaderLength, NonceLength),
                key,
                file.AsSpan(SealedHeaderLength + NonceLength, KeySizeInBytes),
                file.AsSpan(SealedHeaderLength + NonceLength + KeySizeInBytes, TagLength),
                file.AsSpan(0, SealedHeaderLength));
            return file;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrappingKey);
        }
    }

    private static void Unseal(byte[] file, string passphrase, Span<byte> key, string path)
    {
        uint memoryKiB = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(5 + SaltLength));
        uint passes = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(9 + SaltLength));
        // Bounds stop a tampered header from asking for absurd memory or time before the tag is checked.
        if (memoryKiB is < 8 * 1024 or > 4 * 1024 * 1024 || passes is < 1 or > 64)
        {
            throw new InvalidDataException($"'{path}' has out-of-range Argon2id parameters.");
        }

        Span<byte> wrappingKey = stackalloc byte[KeySizeInBytes];
        try
        {
            DerivePassphraseKey(passphrase, file.AsSpan(5, SaltLength), (int)memoryKiB, (int)passes, wrappingKey);
            using var aes = new AesGcm(wrappingKey, TagLength);
            aes.Decrypt(
                file.AsSpan(SealedHeaderLength, NonceLength),
                file.AsSpan(SealedHeaderLength + NonceLength, KeySizeInBytes),
                file.AsSpan(SealedHeaderLength + NonceLength + KeySizeInBytes, TagLength),
                key,
                file.AsSpan(0, SealedHeaderLength));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new KeyAccessDeniedException($"The passphrase does not open the key file '{path}'.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrappingKey);
        }
    }

    private static void DerivePassphraseKey(string passphrase, ReadOnlySpan<byte> salt, int memoryKiB, int passes, Span<byte> output)
    {
        var argon = NSec.Cryptography.PasswordBasedKeyDerivationAlgorithm.Argon2id(new NSec.Cryptography.Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memoryKiB,
            NumberOfPasses = passes,
        });
        byte[] utf8 = Encoding.UTF8.GetBytes(passphrase);
        try
        {
            argon.DeriveBytes(utf8, salt, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
        }
    }
}
