using System;
using System.IO;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;

namespace Turen.Sdk.Tests.Envelope;

/// <summary>The README's "Session blobs by example" section, run as written (paths moved to a temporary folder).</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task Readme_example_runs()
    {
        string dir = Path.Combine(Path.GetTempPath(), "turen-readme-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            byte[] orgDataKey = Fixtures.WrappingKey;
            File.WriteAllBytes(Path.Combine(dir, "session.jsonl"), Fixtures.Bytes(200_000));
            byte[] original = File.ReadAllBytes(Path.Combine(dir, "session.jsonl"));

            using RawAesKeyring keyring = RawAesKeyring.Create("turen", "org-dek-1", orgDataKey);
            await using (FileStream recording = File.OpenRead(Path.Combine(dir, "session.jsonl")))
            await using (FileStream blob = File.Create(Path.Combine(dir, "session.jsonl.turen")))
            {
                await SessionBlob.SealAsync(recording, blob, keyring, new SealOptions
                {
                    OrgId = "acme",
                    SessionId = "sess-42",
                    Context = EncryptionContext.Of("agent/name", "coder"),
                });
            }

            File.Delete(Path.Combine(dir, "session.jsonl"));
            SessionBlobResult result = await SessionBlob.OpenFileAsync(Path.Combine(dir, "session.jsonl.turen"), Path.Combine(dir, "session.jsonl"), keyring,
                new OpenOptions { ExpectedContext = EncryptionContext.Of("turen.org", "acme") });
            Assert.Equal(original, File.ReadAllBytes(Path.Combine(dir, "session.jsonl")));
            Assert.Equal(4, result.FrameCount);

            byte[] sealedBytes = SessionBlob.Seal("hello"u8, keyring, new SealOptions { OrgId = "acme", SessionId = "s-1" });
            Assert.True(SessionBlob.TryOpen(sealedBytes, keyring, options: null, out byte[]? plaintext));
            Assert.Equal("hello"u8.ToArray(), plaintext);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
