using System;
using Turen.Sdk.Envelope;
using Turen.Sdk.Fields;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Fuzzing;

/// <summary>
/// Fixed, public key material for the fuzz targets. Seeds are sealed under these keys, so mutations of a seed reach the
/// frame decoder; nothing here protects anything.
/// </summary>
public static class FuzzKeys
{
    /// <summary>The org of the field targets: it has field keys 1 and 2.</summary>
    public const string FieldOrgId = "fuzz-org";

    /// <summary>The newest field key version, active unless a target asks otherwise.</summary>
    public const int LatestFieldKeyVersion = 2;

    /// <summary>The raw AES-256 wrapping key of the session target.</summary>
    public static ReadOnlySpan<byte> SessionKey256 => new byte[]
    {
        0x46, 0x55, 0x5A, 0x5A, 0x2D, 0x4B, 0x45, 0x59, 0x2D, 0x32, 0x35, 0x36, 0x00, 0x01, 0x02, 0x03,
        0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13,
    };

    /// <summary>A second, AES-128 wrapping key, so that the multi-keyring path is fuzzed too.</summary>
    public static ReadOnlySpan<byte> SessionKey128 => new byte[]
    {
        0x46, 0x55, 0x5A, 0x5A, 0x2D, 0x4B, 0x45, 0x59, 0x2D, 0x31, 0x32, 0x38, 0xA0, 0xA1, 0xA2, 0xA3,
    };

    /// <summary>The keyring every session seed is sealed to and every input is opened with.</summary>
    public static IKeyring CreateSessionKeyring() => new MultiKeyring(
        RawAesKeyring.Create("turen", "fuzz-256", SessionKey256),
        RawAesKeyring.Create("turen", "fuzz-128", SessionKey128));

    /// <summary>The org data key bytes of version <paramref name="version"/> for the field targets.</summary>
    public static byte[] FieldKey(int version)
    {
        byte[] key = new byte[32];
        for (int i = 0; i < key.Length; i++)
        {
            key[i] = (byte)((i * 29) + (version * 101) + 7);
        }

        return key;
    }

    /// <summary>
    /// A protector for <see cref="FieldOrgId"/> with both field key versions loaded, so that old values decode too, and
    /// <paramref name="activeVersion"/> used for new values.
    /// </summary>
    public static FieldProtector CreateFieldProtector(int activeVersion = LatestFieldKeyVersion)
    {
        var keys = new FixedOrgKeyProvider();
        for (int version = 1; version <= LatestFieldKeyVersion; version++)
        {
            keys.Add(FieldOrgId, version, FieldKey(version));
        }

        keys.SetActive(FieldOrgId, activeVersion);

        // Cheap Argon2id parameters: the seeds must be made quickly; stored hashes carry their own parameters.
        var options = new FieldProtectorOptions { PasswordMemoryKiB = 16, PasswordIterations = 1 };
        FieldProtector protector = FieldProtector.CreateAsync(keys, FieldOrgId, options).AsTask().GetAwaiter().GetResult();
        for (int version = 1; version <= LatestFieldKeyVersion; version++)
        {
            protector.LoadKeyVersionAsync(version).AsTask().GetAwaiter().GetResult();
        }

        return protector;
    }
}
