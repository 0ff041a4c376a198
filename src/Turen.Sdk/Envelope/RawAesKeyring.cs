using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Envelope;

/// <summary>
/// A keyring that wraps data keys with a local AES key, byte-compatible with the raw AES keyring of every AWS
/// Encryption SDK: AES-GCM with a random 12-byte IV, the serialized encryption context as additional data, provider
/// id = key namespace, provider info = key name ‖ u32 128 ‖ u32 12 ‖ IV.
/// </summary>
/// <remarks>
/// Any ESDK configured with the same wrapping key, namespace and name opens what this keyring seals, and the other
/// way round. 128-, 192- and 256-bit wrapping keys are accepted (as in every ESDK); Turen creates 256-bit keys
/// (<see cref="Generate"/>). The key is copied into pinned memory and zeroed on <see cref="Dispose"/>.
/// </remarks>
public sealed class RawAesKeyring : IKeyring, IDisposable
{
    /// <summary>The namespace Turen uses for its own raw AES keys.</summary>
    public const string DefaultNamespace = "turen";

    private const int IvLength = 12;
    private const int TagLength = 16;
    private const int TagLengthBits = 128;

    private readonly byte[] _key;
    private readonly byte[] _name;
    private int _disposed;

    private RawAesKeyring(string keyNamespace, string keyName, ReadOnlySpan<byte> wrappingKey)
    {
        KeyNamespace = keyNamespace;
        KeyName = keyName;
        _name = Encoding.UTF8.GetBytes(keyName);
        _key = GC.AllocateArray<byte>(wrappingKey.Length, pinned: true);
        wrappingKey.CopyTo(_key);
    }

    /// <summary>The key namespace (written as the provider id).</summary>
    public string KeyNamespace { get; }

    /// <summary>The key name (written at the start of the provider info).</summary>
    public string KeyName { get; }

    /// <summary>The wrapping key size in bits: 128, 192 or 256.</summary>
    public int KeySizeInBits => _key.Length * 8;

    /// <summary>Creates a keyring from a wrapping key; the caller keeps (and should zero) its own copy of the key.</summary>
    /// <exception cref="ArgumentException">The key is not 16, 24 or 32 bytes; the namespace or name is empty or too long; the namespace starts with <c>aws-kms</c>.</exception>
    public static RawAesKeyring Create(string keyNamespace, string keyName, ReadOnlySpan<byte> wrappingKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyNamespace);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        if (wrappingKey.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException("A raw AES wrapping key is 16, 24 or 32 bytes.", nameof(wrappingKey));
        }

        if (keyNamespace.StartsWith("aws-kms", StringComparison.Ordinal))
        {
            throw new ArgumentException("Key namespaces starting with 'aws-kms' are reserved for AWS KMS keyrings.", nameof(keyNamespace));
        }

        if (Encoding.UTF8.GetByteCount(keyNamespace) > ushort.MaxValue || Encoding.UTF8.GetByteCount(keyName) > ushort.MaxValue - 20)
        {
            throw new ArgumentException("The key namespace or name is too long for the format.", nameof(keyName));
        }

        return new RawAesKeyring(keyNamespace, keyName, wrappingKey);
    }

    /// <summary>Creates a keyring with a fresh random 256-bit wrapping key (export it with <see cref="ExportKey"/>).</summary>
    public static RawAesKeyring Generate(string keyNamespace, string keyName)
    {
        Span<byte> key = stackalloc byte[32];
        RandomNumberGenerator.Fill(key);
        try
        {
            return Create(keyNamespace, keyName, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Copies the wrapping key into <paramref name="destination"/> (to store it in a key file).</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException">The destination is smaller than the key.</exception>
    public int ExportKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (destination.Length < _key.Length)
        {
            throw new ArgumentException("The destination is smaller than the key.", nameof(destination));
        }

        _key.CopyTo(destination);
        return _key.Length;
    }

    /// <inheritdoc/>
    public ValueTask<EncryptedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, EncryptionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        byte[] info = new byte[_name.Length + 8 + IvLength];
        _name.CopyTo(info, 0);
        BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(_name.Length), TagLengthBits);
        BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(_name.Length + 4), IvLength);
        Span<byte> iv = info.AsSpan(_name.Length + 8, IvLength);
        RandomNumberGenerator.Fill(iv);

        byte[] ciphertext = new byte[dataKey.Length + TagLength];
        using (var aes = new AesGcm(_key, TagLength))
        {
            aes.Encrypt(iv, dataKey.Span, ciphertext.AsSpan(0, dataKey.Length), ciphertext.AsSpan(dataKey.Length), context.ToArray());
        }

        return new ValueTask<EncryptedDataKey>(new EncryptedDataKey(KeyNamespace, info, ciphertext));
    }

    /// <inheritdoc/>
    public ValueTask<int> TryUnwrapAsync(EncryptedDataKey encryptedDataKey, EncryptionContext context, Memory<byte> dataKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encryptedDataKey);
        ArgumentNullException.ThrowIfNull(context);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new ValueTask<int>(TryUnwrap(encryptedDataKey, context, dataKey.Span));
    }

    /// <summary>Zeroes the wrapping key.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CryptographicOperations.ZeroMemory(_key);
        }
    }

    /// <summary>Names the keyring without revealing the key.</summary>
    public override string ToString() => $"RawAesKeyring {{ Namespace = {KeyNamespace}, Name = {KeyName}, Bits = {KeySizeInBits} }}";

    private int TryUnwrap(EncryptedDataKey edk, EncryptionContext context, Span<byte> dataKey)
    {
        // Only entries written by this key: same namespace, info = our name ‖ 128 ‖ 12 ‖ IV, exactly.
        ReadOnlySpan<byte> info = edk.ProviderInfo.Span;
        if (!string.Equals(edk.ProviderId, KeyNamespace, StringComparison.Ordinal)
            || info.Length != _name.Length + 8 + IvLength
            || !info.StartsWith(_name)
            || BinaryPrimitives.ReadUInt32BigEndian(info[_name.Length..]) != TagLengthBits
            || BinaryPrimitives.ReadUInt32BigEndian(info[(_name.Length + 4)..]) != IvLength)
        {
            return 0;
        }

        ReadOnlySpan<byte> ciphertext = edk.Ciphertext.Span;
        int keyLength = ciphertext.Length - TagLength;
        if (keyLength <= 0 || keyLength > dataKey.Length)
        {
            return 0;
        }

        using var aes = new AesGcm(_key, TagLength);
        try
        {
            aes.Decrypt(info[(_name.Length + 8)..], ciphertext[..keyLength], ciphertext[keyLength..], dataKey[..keyLength], context.ToArray());
            return keyLength;
        }
        catch (AuthenticationTagMismatchException)
        {
            return 0;
        }
    }
}
