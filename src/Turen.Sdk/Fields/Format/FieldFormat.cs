namespace Turen.Sdk.Fields.Format;

/// <summary>
/// Constants of the field-value format (docs/format.md (field values)). An encrypted value is
/// <c>0x01 ‖ dekVersion (u32 BE) ‖ salt (16) ‖ ciphertext ‖ tag (16)</c>, base64url without padding.
/// </summary>
internal static class FieldFormat
{
    public const byte Version1 = 0x01;
    public const int SaltSize = 16;
    public const int TagSize = 16;
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int HeaderSize = 1 + 4 + SaltSize;

    /// <summary>Bytes an encrypted value adds to its plaintext before text encoding (37 ≤ 48).</summary>
    public const int Overhead = HeaderSize + TagSize;

    /// <summary>HKDF-Extract salt: separates field keys from every other use of the org data key.</summary>
    public static System.ReadOnlySpan<byte> ExtractSalt => "turen.fields.v1"u8;

    /// <summary>First bytes of the HKDF info of a record key (the binding).</summary>
    public static System.ReadOnlySpan<byte> ValueLabel => "turen.field.v1\0"u8;

    /// <summary>Prefix of the input whose SHA-256 gives a member's AES-GCM nonce.</summary>
    public static System.ReadOnlySpan<byte> NonceLabel => "turen.nonce.v1\0"u8;

    /// <summary>First bytes of the HKDF info of a keyed-hash key.</summary>
    public static System.ReadOnlySpan<byte> HashLabel => "turen.hash.v1\0"u8;

    /// <summary>Prefix of a keyed hash string: <c>thash1$&lt;dekVersion&gt;$&lt;base64url(HMAC-SHA-256)&gt;</c>.</summary>
    public const string KeyedHashPrefix = "thash1$";

    public const int KeyedHashSize = 32;
}
