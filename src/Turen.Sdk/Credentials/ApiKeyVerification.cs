namespace Turen.Sdk.Credentials;

/// <summary>Why an API key did or did not verify.</summary>
public enum ApiKeyVerificationStatus
{
    /// <summary>The key is known, its hash matches and it is not revoked.</summary>
    Valid = 0,

    /// <summary>The text is not a well-formed API key (wrong prefix, length, alphabet or checksum); nothing was looked up.</summary>
    Malformed = 1,

    /// <summary>No stored key matches (unknown id, or a key whose hash does not match: the two are not told apart).</summary>
    Unknown = 2,

    /// <summary>The key matches but has been revoked.</summary>
    Revoked = 3,
}

/// <summary>The outcome of <see cref="ApiKeyService.VerifyAsync(string, System.Threading.CancellationToken)"/>.</summary>
/// <param name="Status">Why the key did or did not verify.</param>
/// <param name="Key">The matching key's description when the hash matched (valid or revoked); otherwise null.</param>
public readonly record struct ApiKeyVerification(ApiKeyVerificationStatus Status, ApiKeyInfo? Key)
{
    /// <summary>True only for <see cref="ApiKeyVerificationStatus.Valid"/>.</summary>
    public bool IsValid => Status == ApiKeyVerificationStatus.Valid;
}
