using System;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Keys;

/// <summary>
/// Optional capability of a KEK: move a wrapped DEK from another KEK to this one without the plaintext DEK leaving the
/// key service (AWS KMS <c>ReEncrypt</c>). <see cref="OrgKeyManager.RewrapAsync"/> uses it when available and otherwise
/// unwraps and wraps again in process.
/// </summary>
public interface IKeyEncryptionKeyRewrapper
{
    /// <summary>
    /// Re-encrypts <paramref name="wrappedKey"/> (made by <paramref name="source"/>) under this KEK, or returns
    /// <see langword="null"/> when this KEK cannot do that for the given source (then the caller rewraps in process).
    /// </summary>
    ValueTask<byte[]?> TryRewrapFromAsync(IKeyEncryptionKey source, OrgKeyContext context, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default);
}
