using System;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Keys;

/// <summary>
/// A key-encryption key (KEK): wraps and unwraps org data keys. The org id and DEK version (<see cref="OrgKeyContext"/>)
/// are bound into every call, so a wrapped DEK only unwraps for the org and version it was made for.
/// </summary>
/// <remarks>
/// Implementations: <see cref="LocalKeyEncryptionKey"/> (a key file, the embedded default) and <c>KmsKeyEncryptionKey</c>
/// in Turen.Sdk.Kms. Failures are typed (<see cref="KeyEncryptionKeyException"/> and its subclasses) and fail closed:
/// no method ever returns a key it could not authenticate.
/// </remarks>
public interface IKeyEncryptionKey
{
    /// <summary>A stable, non-secret identifier of this KEK, stored beside every DEK it wraps (e.g. <c>local:1a2b…</c> or a KMS key ARN).</summary>
    string KeyId { get; }

    /// <summary>Generates a fresh DEK for <paramref name="context"/> and returns it together with its wrapped form.</summary>
    ValueTask<GeneratedOrgDataKey> GenerateAsync(OrgKeyContext context, CancellationToken cancellationToken = default);

    /// <summary>Wraps an existing DEK; the key's org and version are the context.</summary>
    ValueTask<byte[]> WrapAsync(OrgDataKey key, CancellationToken cancellationToken = default);

    /// <summary>Unwraps a DEK that was wrapped for <paramref name="context"/>; the caller disposes the returned key.</summary>
    /// <exception cref="KeyUnwrapException">The wrapped key is not authentic for this KEK and context.</exception>
    /// <exception cref="KeyEncryptionKeyException">The KEK could not be used (access denied, disabled, throttled, timed out).</exception>
    ValueTask<OrgDataKey> UnwrapAsync(OrgKeyContext context, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default);
}
