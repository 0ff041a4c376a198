using System;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Keys;

namespace Turen.Sdk.Tests.Keys;

/// <summary>Wraps a KEK and counts its calls, optionally slowing unwraps down or failing them.</summary>
internal sealed class CountingKeyEncryptionKey(IKeyEncryptionKey inner) : IKeyEncryptionKey
{
    public int Generates;
    public int Wraps;
    public int Unwraps;

    public TimeSpan UnwrapDelay { get; set; }

    public Exception? UnwrapFailure { get; set; }

    public string KeyId => inner.KeyId;

    public ValueTask<GeneratedOrgDataKey> GenerateAsync(OrgKeyContext context, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Generates);
        return inner.GenerateAsync(context, cancellationToken);
    }

    public ValueTask<byte[]> WrapAsync(OrgDataKey key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Wraps);
        return inner.WrapAsync(key, cancellationToken);
    }

    public async ValueTask<OrgDataKey> UnwrapAsync(OrgKeyContext context, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Unwraps);
        if (UnwrapDelay > TimeSpan.Zero)
        {
            await Task.Delay(UnwrapDelay, cancellationToken);
        }

        if (UnwrapFailure is not null)
        {
            throw UnwrapFailure;
        }

        return await inner.UnwrapAsync(context, wrappedKey, cancellationToken);
    }
}
