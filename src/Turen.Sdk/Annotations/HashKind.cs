namespace Turen.Sdk.Annotations;

/// <summary>How a <see cref="HashedAttribute"/> property is hashed.</summary>
public enum HashKind
{
    /// <summary>
    /// HMAC-SHA-256 under a key derived from the organization's data key: deterministic, so a presented secret can be
    /// looked up. For high-entropy secrets (tokens, API keys) only.
    /// </summary>
    Keyed = 0,

    /// <summary>Salted Argon2id with its parameters encoded in the stored string: for low-entropy secrets such as passphrases.</summary>
    Password = 1,
}
