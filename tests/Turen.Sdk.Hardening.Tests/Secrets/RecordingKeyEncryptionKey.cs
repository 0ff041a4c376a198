using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Hardening.Tests.Secrets;

/// <summary>A local KEK that remembers every DEK it generates, so that the test knows the key bytes to look for.</summary>
internal sealed class RecordingKeyEncryptionKey(LocalKeyEncryptionKey inner) : IKeyEncryptionKey
{
    public ConcurrentBag<byte[]> Generated { get; } = new();

    public string KeyId => inner.KeyId;

    public async ValueTask<GeneratedOrgDataKey> GenerateAsync(OrgKeyContext context, CancellationToken cancellationToken = default)
    {
        byte[] bytes = RandomNumberGenerator.GetBytes(OrgDataKey.KeySizeInBytes);
        Generated.Add(bytes);
        OrgDataKey key = OrgDataKey.Create(context.OrgId, context.Version, bytes);
        byte[] wrapped = await inner.WrapAsync(key, cancellationToken);
        return new GeneratedOrgDataKey(key, wrapped);
    }

    public ValueTask<byte[]> WrapAsync(OrgDataKey key, CancellationToken cancellationToken = default) => inner.WrapAsync(key, cancellationToken);

    public ValueTask<OrgDataKey> UnwrapAsync(OrgKeyContext context, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default) =>
        inner.UnwrapAsync(context, wrappedKey, cancellationToken);

    public override string ToString() => inner.ToString() ?? string.Empty;
}
