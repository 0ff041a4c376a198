namespace Turen.Sdk.Envelope;

/// <summary>
/// The AWS Encryption SDK algorithm suites a session blob header can name. Turen seals with
/// <see cref="Aes256GcmHkdfSha512CommitKey"/> only; the others are accepted when opening (message format version 1
/// suites only with <see cref="OpenOptions.AllowLegacy"/>).
/// </summary>
public enum AlgorithmSuite : ushort
{
    /// <summary>0x0014: AES-128-GCM, data key used directly (v1, legacy).</summary>
    Aes128GcmIv12Tag16NoKdf = 0x0014,

    /// <summary>0x0046: AES-192-GCM, data key used directly (v1, legacy).</summary>
    Aes192GcmIv12Tag16NoKdf = 0x0046,

    /// <summary>0x0078: AES-256-GCM, data key used directly (v1, legacy).</summary>
    Aes256GcmIv12Tag16NoKdf = 0x0078,

    /// <summary>0x0114: AES-128-GCM, HKDF-SHA256 (v1, legacy).</summary>
    Aes128GcmIv12Tag16HkdfSha256 = 0x0114,

    /// <summary>0x0146: AES-192-GCM, HKDF-SHA256 (v1, legacy).</summary>
    Aes192GcmIv12Tag16HkdfSha256 = 0x0146,

    /// <summary>0x0178: AES-256-GCM, HKDF-SHA256 (v1, legacy).</summary>
    Aes256GcmIv12Tag16HkdfSha256 = 0x0178,

    /// <summary>0x0214: AES-128-GCM, HKDF-SHA256, ECDSA P-256 footer (v1, legacy).</summary>
    Aes128GcmIv12Tag16HkdfSha256EcdsaP256 = 0x0214,

    /// <summary>0x0346: AES-192-GCM, HKDF-SHA384, ECDSA P-384 footer (v1, legacy).</summary>
    Aes192GcmIv12Tag16HkdfSha384EcdsaP384 = 0x0346,

    /// <summary>0x0378: AES-256-GCM, HKDF-SHA384, ECDSA P-384 footer (v1, legacy).</summary>
    Aes256GcmIv12Tag16HkdfSha384EcdsaP384 = 0x0378,

    /// <summary>0x0478: AES-256-GCM, HKDF-SHA512, key commitment, no signature (v2). What Turen seals with.</summary>
    Aes256GcmHkdfSha512CommitKey = 0x0478,

    /// <summary>0x0578: AES-256-GCM, HKDF-SHA512, key commitment, ECDSA P-384 footer (v2).</summary>
    Aes256GcmHkdfSha512CommitKeyEcdsaP384 = 0x0578,
}
