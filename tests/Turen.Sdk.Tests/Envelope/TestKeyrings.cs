using System;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Tests.Envelope;

/// <summary>
/// The test hook below the keyring layer: hands out a known plaintext data key for any entry, as the vectors with
/// <c>data_key_b64</c> require (their real wrapping keys are KMS or test-only providers).
/// </summary>
internal sealed class KnownDataKeyKeyring : IKeyring
{
    private readonly byte[] _dataKey;

    public KnownDataKeyKeyring(byte[] dataKey) => _dataKey = dataKey;

    public ValueTask<EncryptedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, EncryptionContext context, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Decrypt-only test keyring.");

    public ValueTask<int> TryUnwrapAsync(EncryptedDataKey encryptedDataKey, EncryptionContext context, Memory<byte> dataKey, CancellationToken cancellationToken = default)
    {
        _dataKey.CopyTo(dataKey);
        return new ValueTask<int>(_dataKey.Length);
    }
}

/// <summary>Common fixtures: a keyring and seal options.</summary>
internal static class Fixtures
{
    public static readonly byte[] WrappingKey = Convert.FromBase64String("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    public static RawAesKeyring Keyring(string name = "org-dek-test-1") => RawAesKeyring.Create("turen", name, WrappingKey);

    public static SealOptions Options(int frameLength = SessionBlob.DefaultFrameLength, EncryptionContext? context = null) => new()
    {
        OrgId = "acme",
        SessionId = "sess-0001",
        FrameLength = frameLength,
        Context = context ?? EncryptionContext.Empty,
    };

    public static byte[] Bytes(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
