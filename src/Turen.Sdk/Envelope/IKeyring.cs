using System;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Envelope;

/// <summary>
/// Wraps and unwraps the per-message data key of a session blob (the AWS Encryption SDK "keyring" concept).
/// </summary>
/// <remarks>
/// The envelope format code only talks to this interface, so the raw AES keyring, the org key manager and any future
/// key source plug in without touching the format. Implementations must bind the encryption context into every wrap
/// (for raw AES: as the AES-GCM additional data) and must never log or expose key bytes.
/// </remarks>
public interface IKeyring
{
    /// <summary>Encrypts <paramref name="dataKey"/> and returns the encrypted data key entry to store in the header.</summary>
    /// <param name="dataKey">The fresh plaintext data key (32 bytes for suite 0x0478).</param>
    /// <param name="context">The full encryption context of the message, including pairs not stored in the header.</param>
    /// <param name="cancellationToken">Cancels a wrap that needs I/O (a key store, a KMS call).</param>
    ValueTask<EncryptedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, EncryptionContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tries to decrypt one encrypted data key entry into <paramref name="dataKey"/>.
    /// </summary>
    /// <returns>
    /// The number of bytes written to <paramref name="dataKey"/>, or 0 when this keyring does not own the entry or
    /// cannot authenticate it. Only infrastructure failures (a store or KMS that cannot be reached) throw.
    /// </returns>
    ValueTask<int> TryUnwrapAsync(EncryptedDataKey encryptedDataKey, EncryptionContext context, Memory<byte> dataKey, CancellationToken cancellationToken = default);
}
