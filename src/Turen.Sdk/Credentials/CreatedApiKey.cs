using System;

namespace Turen.Sdk.Credentials;

/// <summary>
/// A newly created API key: the only moment its plaintext exists on the server side. Show <see cref="Key"/> once, then
/// dispose this object; only <see cref="Info"/> and the keyed hash were stored.
/// </summary>
public sealed class CreatedApiKey : IDisposable
{
    internal CreatedApiKey(ApiKey key, ApiKeyInfo info)
    {
        Key = key;
        Info = info;
    }

    /// <summary>The key itself, to hand to its user once.</summary>
    public ApiKey Key { get; }

    /// <summary>What was stored about it.</summary>
    public ApiKeyInfo Info { get; }

    /// <summary>Zeroes the key.</summary>
    public void Dispose() => Key.Dispose();
}
