using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Envelope;

/// <summary>
/// Several keyrings as one: sealing wraps with the first (a session blob carries one encrypted data key); opening
/// tries each keyring on each entry and the first that unwraps wins.
/// </summary>
public sealed class MultiKeyring : IKeyring
{
    private readonly IKeyring[] _keyrings;

    /// <summary>Combines <paramref name="keyrings"/>; the first one seals.</summary>
    /// <exception cref="ArgumentException">No keyring was given.</exception>
    public MultiKeyring(params IKeyring[] keyrings)
    {
        ArgumentNullException.ThrowIfNull(keyrings);
        if (keyrings.Length == 0)
        {
            throw new ArgumentException("At least one keyring is needed.", nameof(keyrings));
        }

        foreach (IKeyring keyring in keyrings)
        {
            ArgumentNullException.ThrowIfNull(keyring, nameof(keyrings));
        }

        _keyrings = (IKeyring[])keyrings.Clone();
    }

    /// <summary>The combined keyrings, in order.</summary>
    public IReadOnlyList<IKeyring> Keyrings => _keyrings;

    /// <inheritdoc/>
    public ValueTask<EncryptedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, EncryptionContext context, CancellationToken cancellationToken = default) =>
        _keyrings[0].WrapAsync(dataKey, context, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<int> TryUnwrapAsync(EncryptedDataKey encryptedDataKey, EncryptionContext context, Memory<byte> dataKey, CancellationToken cancellationToken = default)
    {
        foreach (IKeyring keyring in _keyrings)
        {
            int written = await keyring.TryUnwrapAsync(encryptedDataKey, context, dataKey, cancellationToken).ConfigureAwait(false);
            if (written > 0)
            {
                return written;
            }
        }

        return 0;
    }
}
