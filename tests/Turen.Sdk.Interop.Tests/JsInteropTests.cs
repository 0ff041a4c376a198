using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Interop.Tests;

/// <summary>
/// Our blobs open in the JS ESDK and theirs open here, for the edge cases of the format: empty, an exact multiple of the
/// frame, one-byte frames, a large context and a multi-megabyte blob.
/// </summary>
public sealed class JsInteropTests
{
    private const string Namespace = "turen";
    private const string Name = "org-dek-test-1";
    private static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    private static readonly (string Label, int Length, int FrameLength, int Pairs)[] Cases =
    {
        ("empty", 0, 4096, 0),
        ("exact multiple of the frame", 4 * 4096, 4096, 0),
        ("frame length 1", 300, 1, 0),
        ("20-pair context", 5000, 1024, 20),
        ("multi-MB", (5 * 1024 * 1024) + 123, SessionBlob.DefaultFrameLength, 2),
    };

    [NodeFact]
    public async Task Our_blobs_open_in_the_js_esdk()
    {
        foreach (var (label, length, frameLength, pairs) in Cases)
        {
            byte[] plaintext = Bytes(length);
            EncryptionContext context = Context(pairs);
            using RawAesKeyring keyring = RawAesKeyring.Create(Namespace, Name, Key);
            var blob = new MemoryStream();
            await SessionBlob.SealAsync(new MemoryStream(plaintext), blob, keyring, new SealOptions { OrgId = "acme", SessionId = "s-" + length, Context = context, FrameLength = frameLength });
            byte[]? opened = await JsPeer.TryOpenAsync(blob.ToArray(), Key, Namespace, Name, context.Append(new("turen.org", "acme")));
            Assert.True(opened is not null, label + ": the JS ESDK refused our blob");
            Assert.True(plaintext.AsSpan().SequenceEqual(opened), label + ": plaintext differs");
        }
    }

    [NodeFact]
    public async Task Js_blobs_open_here()
    {
        foreach (var (label, length, frameLength, pairs) in Cases)
        {
            byte[] plaintext = Bytes(length);
            EncryptionContext context = Context(pairs);
            byte[] blob = await JsPeer.SealAsync(plaintext, Key, Namespace, Name, frameLength, context);
            using RawAesKeyring keyring = RawAesKeyring.Create(Namespace, Name, Key);
            var output = new MemoryStream();
            SessionBlobResult result = await SessionBlob.OpenAsync(new MemoryStream(blob), output, keyring, new OpenOptions { ExpectedContext = context });
            Assert.True(plaintext.AsSpan().SequenceEqual(output.ToArray()), label + ": plaintext differs");
            Assert.Equal(frameLength, result.Header.FrameLength);
            Assert.Equal(context, result.Header.Context);
        }
    }

    [NodeFact]
    public async Task Signed_js_blobs_open_here_and_can_be_refused()
    {
        byte[] plaintext = Bytes(10_000);
        byte[] blob = await JsPeer.SealAsync(plaintext, Key, Namespace, Name, 4096, Context(3), signed: true);
        using RawAesKeyring keyring = RawAesKeyring.Create(Namespace, Name, Key);
        Assert.Equal(plaintext, SessionBlob.Open(blob, keyring));
        Assert.Equal(AlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384, SessionBlob.ReadUnverifiedHeader(blob).Suite);
        Assert.Equal(SessionBlobError.SignedRefused, Assert.Throws<SessionBlobException>(() => SessionBlob.Open(blob, keyring, new OpenOptions { AllowSigned = false })).Error);

        blob[^1] ^= 1;
        Assert.Equal(SessionBlobError.NotAuthentic, Assert.Throws<SessionBlobException>(() => SessionBlob.Open(blob, keyring)).Error);
    }

    [NodeFact]
    public async Task Tampered_or_wrongly_keyed_blobs_fail_on_both_sides()
    {
        byte[] plaintext = Bytes(3000);
        using RawAesKeyring keyring = RawAesKeyring.Create(Namespace, Name, Key);
        byte[] ours = SessionBlob.Seal(plaintext, keyring, new SealOptions { OrgId = "acme", SessionId = "s", FrameLength = 1000 });
        byte[] tampered = (byte[])ours.Clone();
        tampered[^20] ^= 0x40;
        Assert.Null(await JsPeer.TryOpenAsync(tampered, Key, Namespace, Name));
        Assert.Null(await JsPeer.TryOpenAsync(ours, Key.Reverse().ToArray(), Namespace, Name));

        byte[] theirs = await JsPeer.SealAsync(plaintext, Key, Namespace, Name, 1000, Context(1));
        using RawAesKeyring wrong = RawAesKeyring.Create(Namespace, "other-name", Key);
        Assert.Equal(SessionBlobError.NoMatchingKey, Assert.Throws<SessionBlobException>(() => SessionBlob.Open(theirs, wrong)).Error);
        Assert.Equal(SessionBlobError.ContextMismatch, Assert.Throws<SessionBlobException>(() => SessionBlob.Open(theirs, keyring, new OpenOptions { ExpectedContext = EncryptionContext.Of("k00.tool", "evil") })).Error);
    }

    private static EncryptionContext Context(int pairs) =>
        EncryptionContext.Create(Enumerable.Range(0, pairs).Select(i => new KeyValuePair<string, string>($"k{i:D2}.tool", $"value-{i}/ü{i}")));

    private static byte[] Bytes(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }
}
