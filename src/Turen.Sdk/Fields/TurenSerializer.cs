using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Turen.Sdk.Fields.Metadata;

namespace Turen.Sdk.Fields;

/// <summary>
/// Serializes annotated types to and from JSON, sealing <c>[Encrypted]</c> members and hashing <c>[Hashed]</c> members
/// with an organization's <see cref="FieldProtector"/>; the counterpart of <see cref="JsonSerializer"/> for types the Turen
/// generator implements <see cref="ITurenSerializable{TSelf}"/> on. No reflection; safe for trimming and NativeAOT.
/// </summary>
public static class TurenSerializer
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    [ThreadStatic]
    private static CachedWriter? t_cached;

    /// <summary>Serializes <paramref name="value"/> to a JSON string.</summary>
    public static string Serialize<T>(T value, FieldProtector protector)
        where T : ITurenSerializable<T>
    {
        CachedWriter cached = Rent(out bool owned);
        try
        {
            WriteRoot(cached.Writer, value, protector);
            return Encoding.UTF8.GetString(cached.Buffer.WrittenSpan);
        }
        finally
        {
            Return(cached, owned);
        }
    }

    /// <summary>Serializes <paramref name="value"/> to UTF-8 JSON bytes.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value, FieldProtector protector)
        where T : ITurenSerializable<T>
    {
        CachedWriter cached = Rent(out bool owned);
        try
        {
            WriteRoot(cached.Writer, value, protector);
            return cached.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            Return(cached, owned);
        }
    }

    /// <summary>Writes <paramref name="value"/> to <paramref name="writer"/> (which the caller flushes).</summary>
    public static void Serialize<T>(Utf8JsonWriter writer, T value, FieldProtector protector)
        where T : ITurenSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteRoot(writer, value, protector);
    }

    /// <summary>Reads a <typeparamref name="T"/> from JSON text.</summary>
    /// <exception cref="JsonException">The JSON is malformed or does not match the type.</exception>
    /// <exception cref="FieldIntegrityException">An encrypted or hashed member was refused.</exception>
    /// <exception cref="FieldKeyUnavailableException">A value names a key version not loaded (see <see cref="DeserializeAsync{T}(string, FieldProtector, CancellationToken)"/>).</exception>
    public static T Deserialize<T>(string json, FieldProtector protector)
        where T : ITurenSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(json, utf8);
            return Deserialize<T>(utf8.AsSpan(0, length), protector);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>Reads a <typeparamref name="T"/> from UTF-8 JSON.</summary>
    /// <inheritdoc cref="Deserialize{T}(string, FieldProtector)" path="/exception"/>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, FieldProtector protector)
        where T : ITurenSerializable<T>
    {
        var reader = new Utf8JsonReader(utf8Json, isFinalBlock: true, state: default);
        T result = Deserialize<T>(ref reader, protector);
        if (reader.Read())
        {
            throw new JsonException("Unexpected data after the JSON object.");
        }

        return result;
    }

    /// <summary>Reads one <typeparamref name="T"/> from <paramref name="reader"/>, which must hold the whole object.</summary>
    /// <inheritdoc cref="Deserialize{T}(string, FieldProtector)" path="/exception"/>
    public static T Deserialize<T>(ref Utf8JsonReader reader, FieldProtector protector)
        where T : ITurenSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(protector);
        if (reader.TokenType == JsonTokenType.None && !reader.Read())
        {
            throw new JsonException("Expected a JSON object.");
        }

        FieldJson.Expect(ref reader, JsonTokenType.StartObject);
        FieldBinding root = FieldBinding.Root(protector);
        try
        {
            return T.Read(ref reader, in root, null, -1);
        }
        finally
        {
            root.Dispose();
        }
    }

    /// <summary>Reads a <typeparamref name="T"/>, first loading any data-key version a value names that is not loaded yet.</summary>
    /// <exception cref="FieldKeyUnavailableException">The key provider cannot supply a version (e.g. it was retired).</exception>
    /// <inheritdoc cref="Deserialize{T}(string, FieldProtector)" path="/exception"/>
    public static async ValueTask<T> DeserializeAsync<T>(string json, FieldProtector protector, CancellationToken cancellationToken = default)
        where T : ITurenSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(protector);
        int? lastLoaded = null;
        while (true)
        {
            int missing;
            try
            {
                return Deserialize<T>(json, protector);
            }
            catch (FieldKeyUnavailableException ex) when (ex.InnerException is null && ex.Version != lastLoaded)
            {
                missing = ex.Version;
            }

            await protector.LoadKeyVersionAsync(missing, cancellationToken).ConfigureAwait(false);
            lastLoaded = missing;
        }
    }

    private static void WriteRoot<T>(Utf8JsonWriter writer, T value, FieldProtector protector)
        where T : ITurenSerializable<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(protector);
        FieldBinding root = FieldBinding.Root(protector);
        try
        {
            T.Write(writer, value, in root, null, -1);
            writer.Flush();
        }
        finally
        {
            root.Dispose();
        }
    }

    private static CachedWriter Rent(out bool owned)
    {
        CachedWriter? cached = t_cached;
        if (cached is null || cached.InUse)
        {
            // Re-entrant call (e.g. from a property getter): use a private writer.
            owned = cached is not null;
            cached = new CachedWriter();
            if (!owned)
            {
                t_cached = cached;
            }
        }
        else
        {
            owned = false;
        }

        cached.InUse = true;
        return cached;
    }

    private static void Return(CachedWriter cached, bool owned)
    {
        cached.Buffer.Reset();
        cached.Writer.Reset(cached.Buffer);
        cached.InUse = false;
        _ = owned;
    }

    private sealed class CachedWriter
    {
        public CachedWriter()
        {
            Buffer = new PooledBufferWriter();
            Writer = new Utf8JsonWriter(Buffer, WriterOptions);
        }

        public PooledBufferWriter Buffer { get; }

        public Utf8JsonWriter Writer { get; }

        public bool InUse { get; set; }
    }
}
