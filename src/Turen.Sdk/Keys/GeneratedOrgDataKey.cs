using System;

namespace Turen.Sdk.Keys;

/// <summary>A freshly generated org DEK and its wrapped form, as a KEK returns them. Disposing releases the key.</summary>
public sealed class GeneratedOrgDataKey : IDisposable
{
    /// <summary>Pairs a key with its wrapped bytes; takes ownership of <paramref name="key"/>.</summary>
    public GeneratedOrgDataKey(OrgDataKey key, byte[] wrappedKey)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(wrappedKey);
        Key = key;
        WrappedKey = wrappedKey;
    }

    /// <summary>The plaintext DEK (a lease owned by this object).</summary>
    public OrgDataKey Key { get; }

    /// <summary>The DEK wrapped by the KEK; not secret.</summary>
    public byte[] WrappedKey { get; }

    /// <summary>Releases the plaintext key.</summary>
    public void Dispose() => Key.Dispose();
}
