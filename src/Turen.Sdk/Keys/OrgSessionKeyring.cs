using System;
using System.Buffers.Binary;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Keys;

/// <summary>
/// The <see cref="IKeyring"/> that seals session blobs under an org DEK: it wraps each blob's data key with a
/// <see cref="RawAesKeyring"/> whose wrapping key is the org's active DEK, i.e. exactly as any AWS Encryption SDK raw AES
/// keyring would with key namespace
/// <c>turen</c> and key name <c>org/{orgId}/v{version}</c>, so any ESDK given the DEK can open the blob. Opening reads
/// org and version back from the key name and asks the <see cref="IOrgKeyProvider"/> for that version.
/// </summary>
/// <remarks>
/// Provider info layout (raw AES keyring): key name (UTF-8) ‖ tag length in bits (uint32 BE, 128) ‖ IV length
/// (uint32 BE, 12) ‖ IV. Ciphertext: encrypted data key ‖ 16-byte tag. Additional data: the serialized encryption
/// context. When the context carries <c>turen.org</c>, it must name the same org as the key.
/// </remarks>
public sealed class OrgSessionKeyring : IKeyring
{
    private const int TagLength = 16;
    private const int IvLength = 12;
    private readonly IOrgKeyProvider _provider;
    private readonly string? _orgId;

    /// <summary>A keyring that seals under <paramref name="orgId"/>'s active DEK and opens only that org's blobs.</summary>
    public OrgSessionKeyring(IOrgKeyProvider provider, string orgId)
    {
        ArgumentNullException.ThrowIfNull(provider);
        OrgIds.Validate(orgId);
        _provider = provider;
        _orgId = orgId;
    }

    private OrgSessionKeyring(IOrgKeyProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
    }

    /// <summary>A keyring that opens blobs of any org the provider knows; it cannot seal.</summary>
    public static OrgSessionKeyring ForAnyOrg(IOrgKeyProvider provider) => new(provider);

    /// <summary>The org this keyring seals under and is limited to; null for <see cref="ForAnyOrg"/>.</summary>
    public string? OrgId => _orgId;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The keyring was made by <see cref="ForAnyOrg"/>.</exception>
    public async ValueTask<EncryptedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, EncryptionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        string orgId = _orgId ?? throw new InvalidOperationException("A keyring for any org can open blobs but not seal them; name the org.");
        if (context.TryGetValue(OrgKeyContext.OrgIdKey, out string? contextOrg) && !string.Equals(contextOrg, orgId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The encryption context names org '{contextOrg}', but the keyring seals for '{orgId}'.", nameof(context));
        }

        using OrgDataKey dek = await _provider.GetActiveKeyAsync(orgId, cancellationToken).ConfigureAwait(false);
        using RawAesKeyring raw = RawAesKeyring.Create(OrgKeyName.Namespace, OrgKeyName.Format(orgId, dek.Version), dek.KeyBytes);
        return await raw.WrapAsync(dataKey, context, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<int> TryUnwrapAsync(EncryptedDataKey encryptedDataKey, EncryptionContext context, Memory<byte> dataKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encryptedDataKey);
        ArgumentNullException.ThrowIfNull(context);
        if (!TryParse(encryptedDataKey, out string? orgId, out int version, out _) ||
            (_orgId is not null && !string.Equals(orgId, _orgId, StringComparison.Ordinal)) ||
            (context.TryGetValue(OrgKeyContext.OrgIdKey, out string? contextOrg) && !string.Equals(contextOrg, orgId, StringComparison.Ordinal)))
        {
            return 0;
        }

        OrgDataKey dek;
        try
        {
            dek = await _provider.GetKeyAsync(orgId, version, cancellationToken).ConfigureAwait(false);
        }
        catch (OrgKeyNotFoundException)
        {
            // An unknown or retired version is "not ours to open", like any other keyring that does not own the entry.
            return 0;
        }

        using (dek)
        {
            using RawAesKeyring raw = RawAesKeyring.Create(OrgKeyName.Namespace, OrgKeyName.Format(orgId, version), dek.KeyBytes);
            int written = await raw.TryUnwrapAsync(encryptedDataKey, context, dataKey, cancellationToken).ConfigureAwait(false);
            return written;
        }
    }

    /// <summary>Reads org and version from an encrypted data key entry written by this keyring; false for any other entry.</summary>
    public static bool TryParse(EncryptedDataKey encryptedDataKey, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? orgId, out int version) =>
        TryParse(encryptedDataKey, out orgId, out version, out _);

    private static bool TryParse(EncryptedDataKey encryptedDataKey, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? orgId, out int version, out int keyNameLength)
    {
        ArgumentNullException.ThrowIfNull(encryptedDataKey);
        orgId = null;
        version = 0;
        keyNameLength = 0;
        ReadOnlySpan<byte> info = encryptedDataKey.ProviderInfo.Span;
        if (!string.Equals(encryptedDataKey.ProviderId, OrgKeyName.Namespace, StringComparison.Ordinal) || info.Length < 8 + IvLength + 1)
        {
            return false;
        }

        keyNameLength = info.Length - 8 - IvLength;
        if (BinaryPrimitives.ReadUInt32BigEndian(info.Slice(keyNameLength)) != TagLength * 8 ||
            BinaryPrimitives.ReadUInt32BigEndian(info.Slice(keyNameLength + 4)) != IvLength)
        {
            return false;
        }

        Span<char> name = stackalloc char[256];
        if (keyNameLength > name.Length)
        {
            return false;
        }

        try
        {
            int chars = new UTF8Encoding(false, throwOnInvalidBytes: true).GetChars(info[..keyNameLength], name);
            return OrgKeyName.TryParse(name[..chars], out orgId, out version);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
