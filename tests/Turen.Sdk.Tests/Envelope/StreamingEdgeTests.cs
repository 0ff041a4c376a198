using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Tests.Envelope;

/// <summary>
/// Streaming seal and open at the edges a buffered implementation is most likely to get wrong: lengths around frame and
/// multi-frame boundaries through every kind of source and destination (synchronous, yielding, trickling, exposed
/// buffers), frames of several MiB, and failures and cancellation in the middle of a stream. A "batch" here is an
/// arbitrary run of frames, chosen so that the lengths straddle many frame boundaries.
/// </summary>
public sealed class StreamingEdgeTests
{
    private const int Frame = 1000;
    private const int Batch = 7 * Frame;

    public static IEnumerable<object[]> Lengths() =>
        new[] { 0, 1, Frame - 1, Frame, Frame + 1, Batch - 1, Batch, Batch + 1, Batch + Frame, (3 * Batch) - 1, 3 * Batch, (3 * Batch) + 1, (3 * Batch) + 17 }
            .Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Lengths))]
    public async Task Every_length_around_batch_edges_round_trips_through_every_kind_of_stream(int length)
    {
        byte[] plaintext = Fixtures.Bytes(length, seed: length);
        using RawAesKeyring keyring = Fixtures.Keyring();
        foreach (Func<byte[], Stream> source in TestSources.All())
        {
            var blob = new MemoryStream();
            SessionBlobResult sealedResult = await SessionBlob.SealAsync(source(plaintext), blob, keyring, Fixtures.Options(Frame));

            // The wire layout: regular frames of seq ‖ IV ‖ ciphertext ‖ tag, then a final frame of 0..Frame bytes.
            long regular = length == 0 ? 0 : (length - 1) / Frame;
            long last = length - (regular * Frame);
            Assert.Equal(regular + 1, sealedResult.FrameCount);
            Assert.Equal(sealedResult.Header.Length + (regular * (Frame + 32)) + 24 + last + 16, blob.Length);
            Assert.Equal(blob.Length, sealedResult.BlobLength);
            Assert.Equal(length, sealedResult.PlaintextLength);

            byte[] sealedBytes = blob.ToArray();
            foreach (Func<byte[], Stream> blobSource in TestSources.All().Append(b => new MemoryStream(b, 0, b.Length, writable: false, publiclyVisible: true)))
            {
                foreach (bool asyncDestination in new[] { false, true })
                {
                    var output = new MemoryStream();
                    Stream destination = asyncDestination ? new YieldingWriteStream(output) : output;
                    SessionBlobResult opened = await SessionBlob.OpenAsync(blobSource(sealedBytes), destination, keyring);
                    Assert.Equal(plaintext, output.ToArray());
                    Assert.Equal(sealedBytes.Length, opened.BlobLength);
                    Assert.Equal(regular + 1, opened.FrameCount);
                }
            }
        }
    }

    [Fact]
    public async Task Frames_of_several_mebibytes_round_trip()
    {
        const int LargeFrame = 5 << 20;
        byte[] plaintext = Fixtures.Bytes((2 * LargeFrame) + 12345);
        using RawAesKeyring keyring = Fixtures.Keyring();
        var blob = new MemoryStream();
        await SessionBlob.SealAsync(new YieldingReadStream(plaintext), blob, keyring, Fixtures.Options(LargeFrame));
        byte[] sealedBytes = blob.ToArray();

        foreach (Stream source in new Stream[] { new YieldingReadStream(sealedBytes), new MemoryStream(sealedBytes, writable: false), new MemoryStream(sealedBytes, 0, sealedBytes.Length, false, true) })
        {
            var output = new MemoryStream();
            await SessionBlob.OpenAsync(source, output, keyring);
            Assert.Equal(plaintext, output.ToArray());
        }
    }

    [Fact]
    public async Task A_blob_truncated_in_a_later_batch_fails_after_releasing_only_whole_verified_frames()
    {
        byte[] plaintext = Fixtures.Bytes((3 * Batch) + 500);
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] blob = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(Frame));
        int headerLength = SessionBlob.ReadUnverifiedHeader(blob).Length;

        // Cut in the middle of a frame of the third batch.
        int cut = headerLength + ((2 * Batch / Frame) + 3) * (Frame + 32) + 100;
        foreach (Stream source in new Stream[] { new MemoryStream(blob, 0, cut), new YieldingReadStream(blob[..cut]), new MemoryStream(blob, 0, cut, false, true) })
        {
            var output = new MemoryStream();
            var ex = await Assert.ThrowsAsync<SessionBlobException>(() => SessionBlob.OpenAsync(source, output, keyring));
            Assert.Equal(SessionBlobError.Truncated, ex.Error);
            byte[] released = output.ToArray();
            Assert.True(released.Length % Frame == 0 && released.Length <= (2 * Batch) + (3 * Frame), $"{released.Length} bytes released");
            Assert.Equal(plaintext.AsSpan(0, released.Length).ToArray(), released);
        }
    }

    [Fact]
    public async Task A_failing_source_surfaces_its_own_exception_from_seal_and_open()
    {
        byte[] plaintext = Fixtures.Bytes(4 * Batch);
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] blob = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(Frame));

        // Synchronous reads (offloaded to the pool after the first) and asynchronous ones alike.
        foreach (bool yielding in new[] { false, true })
        {
            await Assert.ThrowsAsync<IOException>(() => SessionBlob.SealAsync(new FailingStream(plaintext, Batch + 10, yielding), new MemoryStream(), keyring, Fixtures.Options(Frame)));
            var output = new MemoryStream();
            await Assert.ThrowsAsync<IOException>(() => SessionBlob.OpenAsync(new FailingStream(blob, 2 * Batch, yielding), output, keyring));
            Assert.True(output.Length < plaintext.Length);
        }
    }

    [Fact]
    public async Task Cancellation_in_the_middle_of_a_stream_is_honoured()
    {
        byte[] plaintext = Fixtures.Bytes(6 * Batch);
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] blob = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(Frame));

        using (var cts = new CancellationTokenSource())
        {
            var source = new CancellingStream(plaintext, cts, after: 2 * Batch);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SessionBlob.SealAsync(source, new MemoryStream(), keyring, Fixtures.Options(Frame), cts.Token));
        }

        using (var cts = new CancellationTokenSource())
        {
            var source = new CancellingStream(blob, cts, after: 2 * Batch);
            var output = new MemoryStream();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SessionBlob.OpenAsync(source, output, keyring, null, cts.Token));
            Assert.True(output.Length < plaintext.Length);
        }
    }

    [Fact]
    public async Task A_failing_destination_surfaces_its_own_exception()
    {
        byte[] plaintext = Fixtures.Bytes(4 * Batch);
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] blob = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(Frame));
        await Assert.ThrowsAsync<IOException>(() => SessionBlob.SealAsync(new MemoryStream(plaintext), new CappedStream(2 * Batch), keyring, Fixtures.Options(Frame)));
        await Assert.ThrowsAsync<IOException>(() => SessionBlob.OpenAsync(new MemoryStream(blob), new CappedStream(2 * Batch), keyring));
    }
}
