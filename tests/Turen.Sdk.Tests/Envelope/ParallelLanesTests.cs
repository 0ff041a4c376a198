using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;
using Turen.Sdk.Envelope.Format;

namespace Turen.Sdk.Tests.Envelope;

/// <summary>
/// Seal and open with <c>MaxDegreeOfParallelism</c> above 1, where frames are gathered in batches and spread over
/// threads. The promise is that nothing observable changes but speed: the same wire layout, and for any input, valid
/// or not, the same outcome as one lane (same error, same message, same plaintext released before it).
/// </summary>
public sealed class ParallelLanesTests
{
    // Small frames make batches short enough that a few kilobytes cross several batch boundaries.
    private const int Frame = 64;

    public static IEnumerable<object[]> LaneCounts() => new[] { 2, 3, 4 }.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(LaneCounts))]
    public async Task Lengths_around_batch_edges_round_trip_and_keep_the_wire_layout(int lanes)
    {
        int batch = FrameLanes.BatchFrames(lanes, Frame) * Frame;
        Assert.True(batch > Frame, "a batch holds several frames");
        using RawAesKeyring keyring = Fixtures.Keyring();
        foreach (int length in new[] { 0, 1, Frame, batch - 1, batch, batch + 1, batch + Frame, (2 * batch) + Frame + 1, 3 * batch })
        {
            byte[] plaintext = Fixtures.Bytes(length, seed: length);
            foreach (Func<byte[], Stream> source in TestSources.All())
            {
                var blob = new MemoryStream();
                SessionBlobResult sealedResult = await SessionBlob.SealAsync(source(plaintext), blob, keyring, Options(lanes));

                long regular = length == 0 ? 0 : (length - 1) / Frame;
                Assert.Equal(regular + 1, sealedResult.FrameCount);
                Assert.Equal(sealedResult.Header.Length + (regular * (Frame + 32)) + 24 + (length - (regular * Frame)) + 16, blob.Length);
                Assert.Equal(blob.Length, sealedResult.BlobLength);

                byte[] sealedBytes = blob.ToArray();
                foreach (int openLanes in new[] { 1, lanes })
                {
                    foreach (Func<byte[], Stream> blobSource in TestSources.All().Append(Exposed))
                    {
                        var output = new MemoryStream();
                        SessionBlobResult opened = await SessionBlob.OpenAsync(blobSource(sealedBytes), output, keyring, new OpenOptions { MaxDegreeOfParallelism = openLanes });
                        Assert.Equal(plaintext, output.ToArray());
                        Assert.Equal(regular + 1, opened.FrameCount);
                        Assert.Equal(sealedBytes.Length, opened.BlobLength);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task A_blob_sealed_with_one_lane_opens_with_many_and_the_reverse()
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] plaintext = Fixtures.Bytes(200_000);
        byte[] oneLane = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(1000));
        byte[] manyLanes = SessionBlob.Seal(plaintext, keyring, new SealOptions { OrgId = "acme", SessionId = "sess-0001", FrameLength = 1000, MaxDegreeOfParallelism = 4 });
        Assert.Equal(oneLane.Length, manyLanes.Length);
        Assert.Equal(plaintext, SessionBlob.Open(oneLane, keyring, new OpenOptions { MaxDegreeOfParallelism = 4 }));
        Assert.Equal(plaintext, SessionBlob.Open(manyLanes, keyring));
    }

    /// <summary>
    /// Every kind of damage, opened with one lane and with three, through an opaque and an exposed stream: the outcomes
    /// must be identical, down to the bytes released before the failure.
    /// </summary>
    [Fact]
    public async Task Damaged_blobs_fail_exactly_as_with_one_lane()
    {
        const int Lanes = 3;
        int batchFrames = FrameLanes.BatchFrames(Lanes, Frame);
        int frames = (2 * batchFrames) + 5;
        byte[] plaintext = Fixtures.Bytes((frames * Frame) - 17);
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] blob = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(Frame));
        int header = SessionBlob.ReadUnverifiedHeader(blob).Length;
        int FrameStart(int index) => header + (index * (Frame + 32));

        var cases = new List<(string Name, byte[] Blob)>();
        foreach (int index in new[] { 0, 1, batchFrames - 1, batchFrames, batchFrames + 1, (2 * batchFrames) - 1, frames - 2, frames - 1 })
        {
            foreach (int offset in new[] { 0, 3, 5, 16, 16 + (Frame / 2), Frame + 31 })
            {
                byte[] flipped = (byte[])blob.Clone();
                int at = Math.Min(FrameStart(index) + offset, blob.Length - 1);
                flipped[at] ^= 0x20;
                cases.Add(($"flip frame {index} +{offset}", flipped));
            }
        }

        foreach (int cut in new[] { header, header + 1, FrameStart(1), FrameStart(batchFrames) - 1, FrameStart(batchFrames), FrameStart(batchFrames) + 7, FrameStart(batchFrames + 2) + 40, FrameStart(frames - 1) + 3, blob.Length - 1 })
        {
            cases.Add(($"truncated at {cut}", blob[..cut]));
        }

        cases.Add(("swap frames 2 and 3", SwapFrames(blob, FrameStart(2), FrameStart(3), Frame + 32)));
        cases.Add(("swap across a batch edge", SwapFrames(blob, FrameStart(batchFrames - 1), FrameStart(batchFrames), Frame + 32)));
        cases.Add(("duplicate frame 4", [.. blob[..FrameStart(5)], .. blob[FrameStart(4)..FrameStart(5)], .. blob[FrameStart(5)..]]));
        cases.Add(("drop frame batch+1", [.. blob[..FrameStart(batchFrames + 1)], .. blob[FrameStart(batchFrames + 2)..]]));
        cases.Add(("trailing byte", [.. blob, 0]));
        cases.Add(("intact", blob));

        foreach ((string name, byte[] damaged) in cases)
        {
            foreach (bool exposed in new[] { false, true })
            {
                Outcome one = await OpenAsync(damaged, exposed, keyring, lanes: 1);
                Outcome many = await OpenAsync(damaged, exposed, keyring, Lanes);
                Assert.True(one.Equals(many), $"{name} (exposed: {exposed}): one lane {one}, three lanes {many}");
                if (name == "intact")
                {
                    Assert.Null(one.Error);
                    Assert.Equal(plaintext, many.Released);
                }
                else
                {
                    Assert.NotNull(one.Error);
                }
            }
        }
    }

    [Fact]
    public async Task A_failing_source_leaves_the_same_output_as_with_one_lane_then_surfaces_its_exception()
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        int batch = FrameLanes.BatchFrames(2, Frame) * Frame;
        byte[] plaintext = Fixtures.Bytes(3 * batch);
        byte[] blob = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(Frame));

        // Failing before the first frame completes, in the middle of a batch, right after a batch, and near the end.
        foreach (int failAt in new[] { 10, Frame + 1, batch / 2, batch + 1, (2 * batch) + (batch / 3), plaintext.Length - 1 })
        {
            var sealedLengths = new List<long>();
            var released = new List<byte[]>();
            foreach (int lanes in new[] { 1, 2 })
            {
                // Seal: ciphertexts differ (a fresh data key each time), so compare how much was written.
                var sealedOutput = new MemoryStream();
                await Assert.ThrowsAsync<IOException>(() => SessionBlob.SealAsync(new FailingStream(plaintext, failAt), sealedOutput, keyring, Options(lanes)));
                sealedLengths.Add(sealedOutput.Length);

                var output = new MemoryStream();
                int blobFailAt = Math.Min(blob.Length - 1, failAt + 300);
                await Assert.ThrowsAsync<IOException>(() => SessionBlob.OpenAsync(new FailingStream(blob, blobFailAt), output, keyring, new OpenOptions { MaxDegreeOfParallelism = lanes }));
                released.Add(output.ToArray());
            }

            Assert.True(sealedLengths[0] == sealedLengths[1], $"fail at {failAt}: seal wrote {sealedLengths[0]} bytes with one lane, {sealedLengths[1]} with two");
            Assert.True(released[0].AsSpan().SequenceEqual(released[1]), $"fail at {failAt}: open released {released[0].Length} bytes with one lane, {released[1].Length} with two");
            Assert.Equal(plaintext.AsSpan(0, released[1].Length).ToArray(), released[1]);
        }
    }

    [Fact]
    public async Task Cancellation_in_the_middle_of_a_batch_leaves_the_same_output_as_with_one_lane()
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        int batch = FrameLanes.BatchFrames(2, Frame) * Frame;
        byte[] plaintext = Fixtures.Bytes(4 * batch);
        byte[] blob = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(Frame));

        var sealedLengths = new List<long>();
        var released = new List<byte[]>();
        foreach (int lanes in new[] { 1, 2 })
        {
            using (var cts = new CancellationTokenSource())
            {
                var sealedOutput = new MemoryStream();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                    SessionBlob.SealAsync(new CancellingStream(plaintext, cts, after: batch + (batch / 2)), sealedOutput, keyring, Options(lanes), cts.Token));
                sealedLengths.Add(sealedOutput.Length);
            }

            using (var cts = new CancellationTokenSource())
            {
                var output = new MemoryStream();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                    SessionBlob.OpenAsync(new CancellingStream(blob, cts, after: blob.Length / 2), output, keyring, new OpenOptions { MaxDegreeOfParallelism = lanes }, cts.Token));
                released.Add(output.ToArray());
            }
        }

        Assert.Equal(sealedLengths[0], sealedLengths[1]);
        Assert.NotEmpty(released[0]);
        Assert.True(released[0].Length < plaintext.Length);
        Assert.Equal(released[0], released[1]);
    }

    [Fact]
    public async Task A_failing_destination_sees_the_same_writes_as_with_one_lane()
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        int batch = FrameLanes.BatchFrames(2, Frame) * Frame;
        byte[] plaintext = Fixtures.Bytes(3 * batch);
        byte[] blob = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(Frame));
        var accepted = new List<(long Sealed, byte[] Opened)>();
        foreach (int lanes in new[] { 1, 2 })
        {
            var sealedOutput = new CappedStream(batch + 1000);
            await Assert.ThrowsAsync<IOException>(() => SessionBlob.SealAsync(new MemoryStream(plaintext), sealedOutput, keyring, Options(lanes)));
            var openedOutput = new CappedStream(batch + 1000);
            await Assert.ThrowsAsync<IOException>(() => SessionBlob.OpenAsync(new MemoryStream(blob), openedOutput, keyring, new OpenOptions { MaxDegreeOfParallelism = lanes }));
            accepted.Add((sealedOutput.Length, openedOutput.ToArray()));
        }

        Assert.Equal(accepted[0].Sealed, accepted[1].Sealed);
        Assert.Equal(accepted[0].Opened, accepted[1].Opened);
    }

    [Fact]
    public async Task Many_opens_at_once_with_many_lanes_each_stay_correct()
    {
        // More lanes than cores, several messages at once: lanes of different messages share the thread pool.
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[][] plaintexts = Enumerable.Range(0, 8).Select(i => Fixtures.Bytes(150_000 + i, seed: i)).ToArray();
        byte[][] blobs = plaintexts.Select(p => SessionBlob.Seal(p, keyring, new SealOptions { OrgId = "acme", SessionId = "sess-0001", FrameLength = 512, MaxDegreeOfParallelism = 8 })).ToArray();
        byte[][] opened = await Task.WhenAll(blobs.Select(b => Task.Run(async () =>
        {
            var output = new MemoryStream();
            await SessionBlob.OpenAsync(new MemoryStream(b, writable: false), output, keyring, new OpenOptions { MaxDegreeOfParallelism = 8 });
            return output.ToArray();
        })));
        for (int i = 0; i < plaintexts.Length; i++)
        {
            Assert.Equal(plaintexts[i], opened[i]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(FrameLanes.MaxLanes + 1)]
    public void Lane_counts_out_of_range_are_refused(int lanes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SealOptions { OrgId = "o", SessionId = "s", MaxDegreeOfParallelism = lanes });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenOptions { MaxDegreeOfParallelism = lanes });
    }

    [Fact]
    public void Lane_counts_default_to_one_and_accept_the_maximum()
    {
        Assert.Equal(1, new SealOptions { OrgId = "o", SessionId = "s" }.MaxDegreeOfParallelism);
        Assert.Equal(1, OpenOptions.Default.MaxDegreeOfParallelism);
        Assert.Equal(FrameLanes.MaxLanes, new OpenOptions { MaxDegreeOfParallelism = FrameLanes.MaxLanes }.MaxDegreeOfParallelism);
    }

    [Theory]
    [InlineData(1, 64, 1)]
    [InlineData(2, 64, 1024)]
    [InlineData(2, 65536, 16)]
    [InlineData(4, 65536, 32)]
    [InlineData(8, 64 << 20, 1)]
    [InlineData(8, 4 << 20, 8)]
    [InlineData(4, 1 << 30, 1)]
    public void Batches_hold_about_half_a_mebibyte_per_lane_and_at_most_32_mebibytes_or_one_frame(int lanes, int frameLength, int expected) =>
        Assert.Equal(expected, FrameLanes.BatchFrames(lanes, frameLength));

    [Fact]
    public void Lanes_process_every_frame_exactly_once_batch_after_batch()
    {
        using var lanes = new FrameLanes(4, new byte[32], new byte[32]);
        var batch = new CountingBatch(5000);
        for (int round = 0; round < 200; round++)
        {
            int count = 1 + ((round * 37) % 5000);
            batch.Reset();
            lanes.Run(batch, count);
            Assert.All(batch.Hits.Take(count), hits => Assert.Equal(1, hits));
            Assert.All(batch.Hits.Skip(count), hits => Assert.Equal(0, hits));
        }
    }

    [Fact]
    public void A_failure_in_one_lane_surfaces_after_all_lanes_stopped_and_the_next_batch_runs()
    {
        using var lanes = new FrameLanes(3, new byte[32], new byte[32]);
        var batch = new CountingBatch(600) { FailAt = 450 };
        var ex = Assert.Throws<InvalidOperationException>(() => lanes.Run(batch, 600));
        Assert.Equal("frame 450", ex.Message);

        batch.FailAt = -1;
        batch.Reset();
        lanes.Run(batch, 600);
        Assert.All(batch.Hits, hits => Assert.Equal(1, hits));
    }

    private static SealOptions Options(int lanes) => new() { OrgId = "acme", SessionId = "sess-0001", FrameLength = Frame, MaxDegreeOfParallelism = lanes };

    private static Stream Exposed(byte[] data) => new MemoryStream(data, 0, data.Length, writable: false, publiclyVisible: true);

    private static byte[] SwapFrames(byte[] blob, int first, int second, int size)
    {
        byte[] swapped = (byte[])blob.Clone();
        blob.AsSpan(first, size).CopyTo(swapped.AsSpan(second));
        blob.AsSpan(second, size).CopyTo(swapped.AsSpan(first));
        return swapped;
    }

    private static async Task<Outcome> OpenAsync(byte[] blob, bool exposed, RawAesKeyring keyring, int lanes)
    {
        var output = new MemoryStream();
        Stream source = exposed ? Exposed(blob) : new MemoryStream(blob, writable: false);
        try
        {
            await SessionBlob.OpenAsync(source, output, keyring, new OpenOptions { MaxDegreeOfParallelism = lanes });
            return new Outcome(null, null, output.ToArray());
        }
        catch (SessionBlobException ex)
        {
            return new Outcome(ex.Error, ex.Message, output.ToArray());
        }
    }

    private sealed record Outcome(SessionBlobError? Error, string? Message, byte[] Released)
    {
        public bool Equals(Outcome? other) =>
            other is not null && Error == other.Error && Message == other.Message && Released.AsSpan().SequenceEqual(other.Released);

        public override int GetHashCode() => HashCode.Combine(Error, Message, Released.Length);

        public override string ToString() => $"{Error?.ToString() ?? "success"} \"{Message}\" after {Released.Length} bytes";
    }

    private sealed class CountingBatch : IFrameBatch
    {
        public CountingBatch(int size) => Hits = new int[size];

        public int[] Hits { get; }

        public int FailAt { get; set; } = -1;

        public void Reset() => Array.Clear(Hits);

        public void Process(BodyCipher cipher, int index)
        {
            Interlocked.Increment(ref Hits[index]);
            if (index == FailAt)
            {
                throw new InvalidOperationException($"frame {index}");
            }

            // A little real work, so that pool threads get to take part.
            Span<byte> tag = stackalloc byte[16];
            cipher.Encrypt(BodyPart.Frame, (uint)index + 1, stackalloc byte[12], stackalloc byte[64], stackalloc byte[64], tag);
        }
    }
}
