using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Turen.Sdk.IO;

namespace Turen.Sdk.Keys;

/// <summary>
/// The local KEK's file format. <c>"TKEK"</c>, a format byte, then for format 1 the 32 key bytes; for format 2
/// (passphrase) a 16-byte salt, Argon2id memory (KiB) and passes (big-endian uint32), a 12-byte nonce and the
/// AES-GCM-sealed key with its 16-byte tag, the header authenticated as additional data. Files are owner-only and
/// written once, atomically; a file others can read is refused.
/// </summary>
internal static class LocalKeyFile
{
    private const byte PlainFormat = 1;
    private const byte SealedFormat = 2;
    private const int KeyLength = LocalKeyEncryptionKey.KeySizeInBytes;
    private const int PrefixLength = 5;
    private const int SaltLength = 16;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int PlainLength = PrefixLength + KeyLength;
    private const int SealedHeaderLength = PrefixLength + SaltLength + 4 + 4;
    private const int SealedLength = SealedHeaderLength + NonceLength + KeyLength + TagLength;
    private static ReadOnlySpan<byte> Magic => "TKEK"u8;

    /// <summary>Argon2id settings for passphrase-sealed key files; the file records them, so they may change later.</summary>
    internal static (int MemoryKiB, int Passes) PassphraseCost { get; set; } = (64 * 1024, 3);

    /// <summary>Writes <paramref name="key"/> to a new owner-only file, sealed with <paramref name="passphrase"/> if given.</summary>
    /// <exception cref="IOException">The file already exists (it is never overwritten).</exception>
    public static void CreateNew(string path, ReadOnlySpan<byte> key, string? passphrase)
    {
        byte[] file = passphrase is null ? EncodePlain(key) : Seal(key, passphrase);
        try
        {
            if (!AtomicFile.TryCreate(path, file))
            {
                throw new IOException($"The key file '{Path.GetFullPath(path)}' already exists; it is never overwritten.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(file);
        }
    }

    /// <summary>Reads the key file at <paramref name="path"/> (a full path) into <paramref name="key"/>.</summary>
    /// <exception cref="KeyAccessDeniedException">The file is accessible by others, or the passphrase is wrong or missing.</exception>
    /// <exception cref="InvalidDataException">The file is not a Turen key file.</exception>
    public static void Read(string path, string? passphrase, Span<byte> key)
    {
        if (AtomicFile.IsAccessibleToOthers(path))
        {
            throw new KeyAccessDeniedException($"The key file '{path}' is accessible by other users; run 'chmod 600' on it.");
        }

        byte[] file = File.ReadAllBytes(path);
        try
        {
            if (file.Length < PrefixLength || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                throw new InvalidDataException($"'{path}' is not a Turen key file.");
            }

            switch (file[4])
            {
                case PlainFormat when file.Length == PlainLength:
                    if (passphrase is not null)
                    {
                        throw new KeyAccessDeniedException($"The key file '{path}' is not sealed with a passphrase, but one was given.");
                    }

                    file.AsSpan(PrefixLength, KeyLength).CopyTo(key);
                    break;
                case SealedFormat when file.Length == SealedLength:
                    if (passphrase is null)
                    {
                        throw new KeyAccessDeniedException($"The key file '{path}' is sealed with a passphrase; supply it (TUREN_PASSPHRASE).");
                    }

                    Unseal(file, passphrase, key, path);
                    break;
                default:
                    throw new InvalidDataException($"'{path}' has an unknown key file format or length.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(file);
        }
    }

    /// <summary>True when the key file at <paramref name="path"/> is sealed with a passphrase.</summary>
    public static bool IsPassphraseSealed(string path)
    {
        Span<byte> prefix = stackalloc byte[PrefixLength];
        using FileStream stream = File.OpenRead(path);
        return stream.ReadAtLeast(prefix, PrefixLength, throwOnEndOfStream: false) == PrefixLength
            && prefix[..Magic.Length].SequenceEqual(Magic)
            && prefix[4] == SealedFormat;
    }

    private static byte[] EncodePlain(ReadOnlySpan<byte> key)
    {
        byte[] file = new byte[PlainLength];
        Magic.CopyTo(file);
        file[4] = PlainFormat;
        key.CopyTo(file.AsSpan(PrefixLength));
        return file;
    }

    private static byte[] Seal(ReadOnlySpan<byte> key, string passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        (int memoryKiB, int passes) = PassphraseCost;
        byte[] file = new byte[SealedLength];
        Magic.CopyTo(file);
        file[4] = SealedFormat;
        RandomNumberGenerator.Fill(file.AsSpan(PrefixLength, SaltLength));
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(PrefixLength + SaltLength), (uint)memoryKiB);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(PrefixLength + SaltLength + 4), (uint)passes);
        RandomNumberGenerator.Fill(file.AsSpan(SealedHeaderLength, NonceLength));
        Span<byte> wrappingKey = stackalloc byte[KeyLength];
        try
        {
            DerivePassphraseKey(passphrase, file.AsSpan(PrefixLength, SaltLength), memoryKiB, passes, wrappingKey);
            using var aes = new AesGcm(wrappingKey, TagLength);
            aes.Encrypt(
                file.AsSpan(SealedHeaderLength, NonceLength),
                key,
                file.AsSpan(SealedHeaderLength + NonceLength, KeyLength),
                file.AsSpan(SealedHeaderLength + NonceLength + KeyLength, TagLength),
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
        uint memoryKiB = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(PrefixLength + SaltLength));
        uint passes = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(PrefixLength + SaltLength + 4));
        // Bounds stop a tampered header from asking for absurd memory or time before the tag is checked.
        if (memoryKiB is < 8 * 1024 or > 4 * 1024 * 1024 || passes is < 1 or > 64)
        {
            throw new InvalidDataException($"'{path}' has out-of-range Argon2id parameters.");
        }

        Span<byte> wrappingKey = stackalloc byte[KeyLength];
        try
        {
            DerivePassphraseKey(passphrase, file.AsSpan(PrefixLength, SaltLength), (int)memoryKiB, (int)passes, wrappingKey);
            using var aes = new AesGcm(wrappingKey, TagLength);
            aes.Decrypt(
                file.AsSpan(SealedHeaderLength, NonceLength),
                file.AsSpan(SealedHeaderLength + NonceLength, KeyLength),
                file.AsSpan(SealedHeaderLength + NonceLength + KeyLength, TagLength),
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
