using System.Security.Cryptography;

namespace Turen.Sdk.Envelope.Format;

/// <summary>
/// The properties of each ESDK algorithm suite (docs/format.md, "What Turen writes" and "What Turen reads"). All suites use AES-GCM with a 12-byte IV and a
/// 16-byte tag; they differ in key length, key derivation, commitment and signature.
/// </summary>
internal sealed record SuiteInfo(
    AlgorithmSuite Id,
    int MessageVersion,
    int KeyLength,
    HashAlgorithmName? Kdf,
    bool Committing,
    ECCurve? SignatureCurve,
    HashAlgorithmName SignatureHash)
{
    public const int IvLength = 12;
    public const int TagLength = 16;
    public const int CommitKeyLength = 32;
    public const int MaxKeyLength = 32;

    private static readonly SuiteInfo[] All =
    {
        new(AlgorithmSuite.Aes128GcmIv12Tag16NoKdf, 1, 16, null, false, null, default),
        new(AlgorithmSuite.Aes192GcmIv12Tag16NoKdf, 1, 24, null, false, null, default),
        new(AlgorithmSuite.Aes256GcmIv12Tag16NoKdf, 1, 32, null, false, null, default),
        new(AlgorithmSuite.Aes128GcmIv12Tag16HkdfSha256, 1, 16, HashAlgorithmName.SHA256, false, null, default),
        new(AlgorithmSuite.Aes192GcmIv12Tag16HkdfSha256, 1, 24, HashAlgorithmName.SHA256, false, null, default),
        new(AlgorithmSuite.Aes256GcmIv12Tag16HkdfSha256, 1, 32, HashAlgorithmName.SHA256, false, null, default),
        new(AlgorithmSuite.Aes128GcmIv12Tag16HkdfSha256EcdsaP256, 1, 16, HashAlgorithmName.SHA256, false, ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256),
        new(AlgorithmSuite.Aes192GcmIv12Tag16HkdfSha384EcdsaP384, 1, 24, HashAlgorithmName.SHA384, false, ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384),
        new(AlgorithmSuite.Aes256GcmIv12Tag16HkdfSha384EcdsaP384, 1, 32, HashAlgorithmName.SHA384, false, ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384),
        new(AlgorithmSuite.Aes256GcmHkdfSha512CommitKey, 2, 32, HashAlgorithmName.SHA512, true, null, default),
        new(AlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384, 2, 32, HashAlgorithmName.SHA512, true, ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384),
    };

    public bool IsSigned => SignatureCurve is not null;

    /// <summary>The length of the message id for this suite's format version.</summary>
    public int MessageIdLength => MessageVersion == 2 ? 32 : 16;

    public static bool TryGet(ushort id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SuiteInfo? info)
    {
        foreach (SuiteInfo candidate in All)
        {
            if ((ushort)candidate.Id == id)
            {
                info = candidate;
                return true;
            }
        }

        info = null;
        return false;
    }

    public static SuiteInfo Get(AlgorithmSuite id) =>
        TryGet((ushort)id, out SuiteInfo? info) ? info : throw new System.ArgumentOutOfRangeException(nameof(id));
}
