using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Turen.Sdk.Envelope;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Tests.Envelope;

/// <summary>
/// Every vector of ../shared/vectors/esdk/manifest.json under both commitment policies: legacy allowed
/// (<c>expect</c>) and the production policy (<c>expect_require_encrypt_require_decrypt</c>).
/// </summary>
public sealed class EsdkVectorTests
{
    private static readonly string VectorRoot = Path.Combine(RepositoryPaths.Shared, "vectors", "esdk");

    private static readonly Lazy<Dictionary<string, JsonElement>> Vectors = new(() =>
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(VectorRoot, "manifest.json")));
        return doc.RootElement.GetProperty("vectors").EnumerateArray().ToDictionary(v => v.GetProperty("id").GetString()!, v => v.Clone());
    });

    public static IEnumerable<object[]> VectorIds() => Vectors.Value.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

    [Fact]
    public void Manifest_has_every_vector()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(VectorRoot, "manifest.json")));
        Assert.Equal(doc.RootElement.GetProperty("vector_count").GetInt32(), Vectors.Value.Count);
        Assert.True(Vectors.Value.Count >= 291);
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public Task Vector_with_legacy_allowed(string id) => RunAsync(id, allowLegacy: true, expectField: "expect");

    [Theory]
    [MemberData(nameof(VectorIds))]
    public Task Vector_under_require_decrypt(string id) => RunAsync(id, allowLegacy: false, expectField: "expect_require_encrypt_require_decrypt");

    private static async Task RunAsync(string id, bool allowLegacy, string expectField)
    {
        JsonElement v = Vectors.Value[id];
        byte[] ciphertext = File.ReadAllBytes(Path.Combine(VectorRoot, v.GetProperty("ciphertext").GetString()!));
        bool expectSuccess = v.GetProperty(expectField).GetString() == "success";

        var keyrings = new List<IKeyring>();
        if (v.GetProperty("data_key_b64").ValueKind == JsonValueKind.String)
        {
            keyrings.Add(new KnownDataKeyKeyring(Convert.FromBase64String(v.GetProperty("data_key_b64").GetString()!)));
        }
        else
        {
            foreach (JsonElement key in v.GetProperty("keys").EnumerateArray())
            {
                keyrings.Add(RawAesKeyring.Create(key.GetProperty("namespace").GetString()!, key.GetProperty("name").GetString()!, Convert.FromBase64String(key.GetProperty("key_b64").GetString()!)));
            }
        }

        var expected = EncryptionContext.Create(v.GetProperty("reproduced_ec").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)));
        int maxEdks = v.GetProperty("config").TryGetProperty("max_encrypted_data_keys", out JsonElement max) ? max.GetInt32() : ushort.MaxValue;
        var options = new OpenOptions { AllowLegacy = allowLegacy, ExpectedContext = expected, MaxEncryptedDataKeys = maxEdks };

        // Any one key must suffice on its own.
        var attempts = keyrings.Count > 1 ? keyrings.Select(k => (IKeyring)new MultiKeyring(k)).Prepend(new MultiKeyring(keyrings.ToArray())).ToList() : keyrings;
        foreach (IKeyring keyring in attempts)
        {
            var output = new MemoryStream();
            if (expectSuccess)
            {
                SessionBlobResult result = await SessionBlob.OpenAsync(new MemoryStream(ciphertext), output, keyring, options);
                byte[] plaintext = File.ReadAllBytes(Path.Combine(VectorRoot, v.GetProperty("plaintext").GetString()!));
                Assert.Equal(plaintext, output.ToArray());
                Assert.Equal(plaintext.Length, result.PlaintextLength);
                Assert.Equal(ciphertext.Length, result.BlobLength);
                Assert.Equal(v.GetProperty("header_bytes").GetInt32(), result.Header.Length);

                // The one-shot path decrypts an in-memory blob where it lies instead of copying frames: same result.
                Assert.Equal(plaintext, SessionBlob.Open(ciphertext, keyring, options));
            }
            else
            {
                await Assert.ThrowsAnyAsync<SessionBlobException>(() => SessionBlob.OpenAsync(new MemoryStream(ciphertext), output, keyring, options));
                // Failures found before the body release nothing at all; later ones (a bad frame, signature or end)
                // may follow earlier verified frames in a stream, which is why the one-shot API below is all or nothing.
                string kind = v.GetProperty("error_kind").GetString() ?? "";
                if (kind is not ("signature" or "frame-tag" or "sequence" or "truncated" or "trailing-bytes"))
                {
                    Assert.Equal(0, output.Length);
                }

                Assert.False(SessionBlob.TryOpen(ciphertext, keyring, options, out byte[]? none));
                Assert.Null(none);
            }
        }
    }
}
