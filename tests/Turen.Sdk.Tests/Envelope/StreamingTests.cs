using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Tests.Envelope;

public sealed class StreamingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task Streams_that_return_few_bytes_per_read_work_both_ways(int maxPerRead)
    {
        byte[] plaintext = Fixtures.Bytes(5000);
        using RawAesKeyring keyring = Fixtures.Keyring();
        var blob = new MemoryStream();
        await SessionBlob.SealAsync(new TrickleStream(plaintext, maxPerRead), blob, keyring, Fixtures.Options(512));
        var output = new MemoryStream();
        await SessionBlob.OpenAsync(new TrickleStream(blob.ToArray(), maxPerRead), output, keyring);
        Assert.Equal(plaintext, output.ToArray());
    }

    [Fact]
    public async Task Verified_frames_stream_out_before_the_end_but_the_final_frame_waits_for_it()
    {
        byte[] plaintext = Fixtures.Bytes(3000);
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] blob = SessionBlob.Seal(plaintext, keyring, Fixtures.Options(1000));
        var output = new MemoryStream();

        // Cut inside the final frame: the first two verified frames are out, the final one is not.
        var ex = await Assert.ThrowsAsync<SessionBlobException>(() => SessionBlob.OpenAsync(new MemoryStream(blob, 0, blob.Length - 1), output, keyring));
        Assert.Equal(SessionBlobError.Truncated, ex.Error);
        Assert.Equal(plaintext.AsSpan(0, 2000).ToArray(), output.ToArray());
    }

    [Fact]
    public async Task Open_file_replaces_the_destination_only_on_success()
    {
        string dir = Path.Combine(Path.GetTempPath(), "turen-open-file-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            byte[] plaintext = Fixtures.Bytes(10_000);
            using RawAesKeyring keyring = Fixtures.Keyring();
            string source = Path.Combine(dir, "in.jsonl");
            string sealedPath = Path.Combine(dir, "in.turen");
            string target = Path.Combine(dir, "out.jsonl");
            File.WriteAllBytes(source, plaintext);
            SessionBlobResult sealedResult = await SessionBlob.SealFileAsync(source, sealedPath, keyring, Fixtures.Options(1024));
            Assert.Equal(new FileInfo(sealedPath).Length, sealedResult.BlobLength);

            byte[] blob = File.ReadAllBytes(sealedPath);
            blob[^3] ^= 1;
            string tampered = Path.Combine(dir, "bad.turen");
            File.WriteAllBytes(tampered, blob);
            File.WriteAllText(target, "old");
            await Assert.ThrowsAsync<SessionBlobException>(() => SessionBlob.OpenFileAsync(tampered, target, keyring));
            Assert.Equal("old", File.ReadAllText(target));
            Assert.Equal(4, Directory.GetFiles(dir).Length);

            await SessionBlob.OpenFileAsync(sealedPath, target, keyring);
            Assert.Equal(plaintext, File.ReadAllBytes(target));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
