using System;
using System.IO;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Tests.Envelope;

public sealed class RoundTripTests
{
    [Theory]
    [InlineData(0, 4096)]
    [InlineData(1, 4096)]
    [InlineData(4095, 4096)]
    [InlineData(4096, 4096)]
    [InlineData(4097, 4096)]
    [InlineData(3 * 4096, 4096)]
    [InlineData(100, 1)]
    [InlineData(200_000, SessionBlob.DefaultFrameLength)]
    public async Task Seal_then_open_returns_the_plaintext(int length, int frameLength)
    {
        byte[] plaintext = Fixtures.Bytes(length);
        using RawAesKeyring keyring = Fixtures.Keyring();
        var sealedStream = new MemoryStream();
        SessionBlobResult sealedResult = await SessionBlob.SealAsync(new MemoryStream(plaintext), sealedStream, keyring, Fixtures.Options(frameLength));
        long expectedFrames = Math.Max(1, (length + frameLength - 1) / frameLength);
        Assert.Equal(expectedFrames, sealedResult.FrameCount);
        Assert.Equal(sealedStream.Length, sealedResult.BlobLength);

        var output = new MemoryStream();
        SessionBlobResult opened = await SessionBlob.OpenAsync(new MemoryStream(sealedStream.ToArray()), output, keyring, new OpenOptions { ExpectedContext = EncryptionContext.Of("turen.org", "acme") });
        Assert.Equal(plaintext, output.ToArray());
        Assert.Equal(expectedFrames, opened.FrameCount);
        Assert.Equal("sess-0001", opened.Header.Context[SessionBlob.SessionContextKey]);
        Assert.Equal(AlgorithmSuite.Aes256GcmHkdfSha512CommitKey, opened.Header.Suite);
    }

    [Fact]
    public void Worked_size_example_of_docs_format_holds()
    {
        // docs/format.md: namespace "turen", name "org-dek-1", context of two pairs → 214-byte header.
        using RawAesKeyring keyring = RawAesKeyring.Create("turen", "org-dek-1", Fixtures.WrappingKey);
        byte[] blob = SessionBlob.Seal(ReadOnlySpan<byte>.Empty, keyring, new SealOptions { OrgId = "acme", SessionId = "session" });
        SessionBlobHeader header = SessionBlob.ReadUnverifiedHeader(blob);
        Assert.Equal(2 + 2 + 9 + 2 + 4 + 2 + 13 + 2 + 7, header.Context.SerializedLength);
        Assert.Equal(214 - 34 + header.Context.SerializedLength, header.Length);
        Assert.Equal(header.Length + 40, blob.Length);
    }

    [Fact]
    public void One_shot_round_trip_and_fresh_message_id_each_time()
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] plaintext = Fixtures.Bytes(1000);
        byte[] a = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(64));
        byte[] b = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(64));
        Assert.NotEqual(a, b);
        Assert.NotEqual(SessionBlob.ReadUnverifiedHeader(a).MessageId.ToArray(), SessionBlob.ReadUnverifiedHeader(b).MessageId.ToArray());
        Assert.Equal(plaintext, SessionBlob.Open(a, keyring));
        Assert.True(SessionBlob.TryOpen(b, keyring, null, out byte[]? opened));
        Assert.Equal(plaintext, opened);
    }
}
