using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Tests.Envelope;

/// <summary>Tampered, truncated, reordered and extended blobs: every one must fail, and the one-shot API releases nothing.</summary>
public sealed class AdversarialTests
{
    private const int FrameLength = 16;
    private static readonly byte[] Plaintext = Fixtures.Bytes(40, seed: 7);

    // Header, then 2 regular frames of 16 + 32 bytes, then a final frame of 8 + 40 bytes.
    private static (byte[] Blob, int HeaderLength) Sealed()
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] blob = SessionBlob.Seal(Plaintext, keyring, Fixtures.Options(FrameLength));
        return (blob, SessionBlob.ReadUnverifiedHeader(blob).Length);
    }

    private static SessionBlobException OpenFails(byte[] blob, OpenOptions? options = null, IKeyring? keyring = null)
    {
        using RawAesKeyring own = Fixtures.Keyring();
        Assert.False(SessionBlob.TryOpen(blob, keyring ?? own, options, out byte[]? plaintext));
        Assert.Null(plaintext);
        return Assert.ThrowsAny<SessionBlobException>(() => SessionBlob.Open(blob, keyring ?? own, options));
    }

    [Fact]
    public void Flipping_any_bit_fails()
    {
        (byte[] blob, _) = Sealed();
        using RawAesKeyring keyring = Fixtures.Keyring();
        for (int i = 0; i < blob.Length * 8; i++)
        {
            byte[] copy = (byte[])blob.Clone();
            copy[i / 8] ^= (byte)(1 << (i % 8));
            Assert.False(SessionBlob.TryOpen(copy, keyring, null, out byte[]? plaintext), $"bit {i} flipped still opens");
            Assert.Null(plaintext);
        }
    }

    [Fact]
    public async Task Truncating_at_any_offset_fails_and_never_releases_the_whole_plaintext()
    {
        (byte[] blob, int headerLength) = Sealed();
        using RawAesKeyring keyring = Fixtures.Keyring();
        for (int length = 0; length < blob.Length; length++)
        {
            var output = new MemoryStream();
            var ex = await Assert.ThrowsAnyAsync<SessionBlobException>(() => SessionBlob.OpenAsync(new MemoryStream(blob, 0, length), output, keyring));
            Assert.Equal(SessionBlobError.Truncated, ex.Error);
            Assert.True(output.Length < Plaintext.Length);

            // The same through an exposed in-memory buffer (decrypted in place of the input, not copied).
            var exposedOutput = new MemoryStream();
            var exposed = new MemoryStream(blob, 0, length, writable: false, publiclyVisible: true);
            ex = await Assert.ThrowsAnyAsync<SessionBlobException>(() => SessionBlob.OpenAsync(exposed, exposedOutput, keyring));
            Assert.Equal(SessionBlobError.Truncated, ex.Error);
            Assert.Equal(output.ToArray(), exposedOutput.ToArray());
            if (length < headerLength)
            {
                Assert.Equal(0, output.Length);
            }
        }
    }

    [Fact]
    public void Reordered_duplicated_and_dropped_frames_fail()
    {
        (byte[] blob, int h) = Sealed();
        byte[] header = blob[..h];
        byte[] f1 = blob[h..(h + 48)];
        byte[] f2 = blob[(h + 48)..(h + 96)];
        byte[] final = blob[(h + 96)..];
        Assert.Equal(blob, Concat(header, f1, f2, final));

        Assert.Equal(SessionBlobError.FrameSequence, OpenFails(Concat(header, f2, f1, final)).Error);
        Assert.Equal(SessionBlobError.FrameSequence, OpenFails(Concat(header, f1, f1, f2, final)).Error);
        Assert.Equal(SessionBlobError.FrameSequence, OpenFails(Concat(header, f2, final)).Error);
        Assert.Equal(SessionBlobError.FrameSequence, OpenFails(Concat(header, f1, final)).Error);
        Assert.Equal(SessionBlobError.Truncated, OpenFails(Concat(header, f1, f2)).Error);
        Assert.Equal(SessionBlobError.TrailingData, OpenFails(Concat(header, f1, f2, final, final)).Error);

        // A frame renumbered to fit its new place no longer authenticates.
        byte[] renumbered = (byte[])f2.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(renumbered, 1);
        Assert.Equal(SessionBlobError.NotAuthentic, OpenFails(Concat(header, renumbered, f1, final)).Error);
    }

    [Fact]
    public void Frames_from_another_blob_fail()
    {
        (byte[] a, int h) = Sealed();
        (byte[] b, _) = Sealed();
        Assert.Equal(SessionBlobError.NotAuthentic, OpenFails(Concat(a[..h], b[h..])).Error);
    }

    [Fact]
    public void Random_edits_insertions_and_deletions_fail()
    {
        (byte[] blob, _) = Sealed();
        using RawAesKeyring keyring = Fixtures.Keyring();
        var random = new Random(20261129);
        for (int i = 0; i < 3000; i++)
        {
            var bytes = blob.ToList();
            int at = random.Next(bytes.Count);
            switch (i % 3)
            {
                case 0:
                    bytes[at] = (byte)(bytes[at] ^ (1 + random.Next(255)));
                    break;
                case 1:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    bytes.RemoveRange(at, Math.Min(1 + random.Next(4), bytes.Count - at));
                    break;
            }

            Assert.False(SessionBlob.TryOpen(bytes.ToArray(), keyring, null, out byte[]? plaintext), $"edit {i} still opens");
            Assert.Null(plaintext);
        }
    }

    [Fact]
    public void Trailing_bytes_fail()
    {
        (byte[] blob, _) = Sealed();
        Assert.Equal(SessionBlobError.TrailingData, OpenFails(Concat(blob, new byte[] { 0 })).Error);
    }

    [Fact]
    public void Wrong_key_wrong_name_and_wrong_namespace_fail()
    {
        (byte[] blob, _) = Sealed();
        using RawAesKeyring otherKey = RawAesKeyring.Create("turen", "org-dek-test-1", Fixtures.Bytes(32, seed: 99));
        using RawAesKeyring otherName = RawAesKeyring.Create("turen", "org-dek-test-2", Fixtures.WrappingKey);
        using RawAesKeyring otherNamespace = RawAesKeyring.Create("other", "org-dek-test-1", Fixtures.WrappingKey);
        foreach (IKeyring keyring in new IKeyring[] { otherKey, otherName, otherNamespace })
        {
            Assert.Equal(SessionBlobError.NoMatchingKey, OpenFails(blob, keyring: keyring).Error);
        }

        // Any one of several keyrings suffices.
        using RawAesKeyring right = Fixtures.Keyring();
        Assert.Equal(Plaintext, SessionBlob.Open(blob, new MultiKeyring(otherKey, otherName, right)));
    }

    [Fact]
    public void Wrong_expected_context_fails_and_missing_authenticated_context_fails()
    {
        (byte[] blob, _) = Sealed();
        var mismatch = OpenFails(blob, new OpenOptions { ExpectedContext = EncryptionContext.Of("turen.org", "evil") });
        Assert.Equal(SessionBlobError.ContextMismatch, mismatch.Error);
        Assert.DoesNotContain("acme", mismatch.Message, StringComparison.Ordinal);

        // A pair the blob was not sealed with is treated as authenticated-only: no key opens it then.
        Assert.Equal(SessionBlobError.NoMatchingKey, OpenFails(blob, new OpenOptions { ExpectedContext = EncryptionContext.Of("purpose", "x") }).Error);
    }

    [Fact]
    public void Authenticated_only_context_is_not_stored_but_required()
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        var options = new SealOptions { OrgId = "acme", SessionId = "s1", AuthenticatedContext = EncryptionContext.Of("tenant/region", "eu-1") };
        byte[] blob = SessionBlob.Seal(Plaintext, keyring, options);
        Assert.False(SessionBlob.ReadUnverifiedHeader(blob).Context.ContainsKey("tenant/region"));
        Assert.Equal(SessionBlobError.NoMatchingKey, OpenFails(blob).Error);
        Assert.Equal(SessionBlobError.NoMatchingKey, OpenFails(blob, new OpenOptions { ExpectedContext = EncryptionContext.Of("tenant/region", "us-1") }).Error);
        Assert.Equal(Plaintext, SessionBlob.Open(blob, keyring, new OpenOptions { ExpectedContext = EncryptionContext.Of("tenant/region", "eu-1", "turen.org", "acme") }));
    }

    [Fact]
    public void Too_many_encrypted_data_keys_fail_before_any_is_read()
    {
        (byte[] blob, _) = Sealed();
        int countOffset = 37 + BinaryPrimitives.ReadUInt16BigEndian(blob.AsSpan(35));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(blob.AsSpan(countOffset)));

        // A count of 11 with nothing after it: the cap (default 10) fires before the (missing) entries are read.
        byte[] forged = blob[..(countOffset + 2)];
        BinaryPrimitives.WriteUInt16BigEndian(forged.AsSpan(countOffset), 11);
        Assert.Equal(SessionBlobError.TooManyEncryptedDataKeys, OpenFails(forged).Error);
        Assert.Equal(SessionBlobError.Truncated, OpenFails(forged, new OpenOptions { MaxEncryptedDataKeys = 11 }).Error);

        BinaryPrimitives.WriteUInt16BigEndian(forged.AsSpan(countOffset), 0);
        Assert.Equal(SessionBlobError.Malformed, OpenFails(forged).Error);
    }

    [Fact]
    public void Base64_input_is_named_in_the_error()
    {
        (byte[] blob, _) = Sealed();
        SessionBlobException ex = OpenFails(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(blob)));
        Assert.Equal(SessionBlobError.Malformed, ex.Error);
        Assert.Contains("base64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_larger_than_the_limit_are_refused_after_the_header_verified()
    {
        (byte[] blob, _) = Sealed();
        Assert.Equal(SessionBlobError.LimitExceeded, OpenFails(blob, new OpenOptions { MaxFrameLength = FrameLength - 1 }).Error);
    }

    [Fact]
    public void Empty_input_is_truncated()
    {
        Assert.Equal(SessionBlobError.Truncated, OpenFails(Array.Empty<byte>()).Error);
    }

    [Fact]
    public async Task Cancellation_stops_an_open()
    {
        using RawAesKeyring keyring = Fixtures.Keyring();
        byte[] blob = SessionBlob.Seal(Fixtures.Bytes(10_000), keyring, Fixtures.Options(100));
        using var cts = new System.Threading.CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SessionBlob.OpenAsync(new MemoryStream(blob), new MemoryStream(), keyring, null, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SessionBlob.SealAsync(new MemoryStream(blob), new MemoryStream(), keyring, Fixtures.Options(), cts.Token));
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
