using System;

namespace Turen.Sdk.Envelope;

/// <summary>
/// One encrypted data key entry of a message header: who wrote it (provider id), how to find the wrapping key
/// (provider info) and the wrapped key itself. None of these fields is secret.
/// </summary>
/// <param name="ProviderId">The key provider id (for a raw AES keyring: its key namespace).</param>
/// <param name="ProviderInfo">Provider-specific bytes (for a raw AES keyring: key name, tag length, IV length, IV).</param>
/// <param name="Ciphertext">The wrapped data key.</param>
public sealed record EncryptedDataKey(string ProviderId, ReadOnlyMemory<byte> ProviderInfo, ReadOnlyMemory<byte> Ciphertext)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"EncryptedDataKey {{ ProviderId = {ProviderId}, ProviderInfo = {ProviderInfo.Length} bytes, Ciphertext = {Ciphertext.Length} bytes }}";
}
