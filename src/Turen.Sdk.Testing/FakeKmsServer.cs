using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Testing;

/// <summary>
/// A loopback HTTP endpoint that speaks the KMS JSON protocol (<c>X-Amz-Target: TrentService.*</c>) for
/// GenerateDataKey, Encrypt, Decrypt and ReEncrypt, so the real AWS SDK client can be tested against it. Keys are AES-256
/// keys in memory; ciphertext blobs are key id ‖ nonce ‖ AES-GCM(plaintext, AAD = canonical encryption context).
/// Faults (error responses, delays) are queued per request.
/// </summary>
public sealed class FakeKmsServer : IDisposable
{
    public const string Account = "111122223333";
    public const string Region = "us-east-1";

    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, FakeKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<KmsFault> _faults = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    public FakeKmsServer()
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            try
            {
                _listener.Prefixes.Clear();
                _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                _listener.Start();
                Url = $"http://127.0.0.1:{port}";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(AcceptLoopAsync);
    }

    public string Url { get; }

    /// <summary>Every request seen: operation name and parsed JSON body.</summary>
    public ConcurrentQueue<(string Operation, JsonElement Body)> Requests { get; } = new();

    public int Count(string operation) => Requests.Count(r => r.Operation == operation);

    /// <summary>Creates a key and returns its id (a GUID); <paramref name="alias"/> (e.g. <c>alias/turen</c>) points at it.</summary>
    public string CreateKey(string? alias = null)
    {
        string id = Guid.NewGuid().ToString("D");
        lock (_keys)
        {
            _keys[id] = new FakeKey(RandomNumberGenerator.GetBytes(32));
            if (alias is not null)
            {
                _aliases[alias] = id;
            }
        }

        return id;
    }

    public static string Arn(string keyId) => $"arn:aws:kms:{Region}:{Account}:key/{keyId}";

    public void Disable(string keyId)
    {
        lock (_keys)
        {
            _keys[keyId].Enabled = false;
        }
    }

    /// <summary>The next <paramref name="times"/> requests get this fault instead of (or, for a delay, before) a normal answer.</summary>
    public void Inject(KmsFault fault, int times = 1)
    {
        for (int i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string target = context.Request.Headers["X-Amz-Target"] ?? string.Empty;
            string operation = target.StartsWith("TrentService.", StringComparison.Ordinal) ? target["TrentService.".Length..] : target;
            using var reader = new System.IO.StreamReader(context.Request.InputStream, Encoding.UTF8);
            string text = await reader.ReadToEndAsync();
            JsonElement body = JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
            Requests.Enqueue((operation, body));
            bool signed = (context.Request.Headers["Authorization"] ?? string.Empty).StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal);

            if (_faults.TryDequeue(out KmsFault? fault))
            {
                if (fault.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(fault.Delay, _stop.Token);
                }

                if (fault.Status != 0)
                {
                    await WriteAsync(context, fault.Status, Error(fault.ErrorType, "injected fault"), fault.ErrorType);
                    return;
                }
            }

            if (!signed)
            {
                await WriteAsync(context, 400, Error("MissingAuthenticationTokenException", "unsigned"), "MissingAuthenticationTokenException");
                return;
            }

            (int status, string json, string? errorType) = Handle(operation, body);
            await WriteAsync(context, status, json, errorType);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // The client gave up (a timeout test): nothing to answer.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private (int Status, string Json, string? ErrorType) Handle(string operation, JsonElement body)
    {
        try
        {
            switch (operation)
            {
                case "GenerateDataKey":
                {
                    (string id, FakeKey key) = Resolve(body.GetProperty("KeyId").GetString()!);
                    if (body.GetProperty("KeySpec").GetString() != "AES_256")
                    {
                        return Fail("ValidationException", "KeySpec");
                    }

                    byte[] plaintext = RandomNumberGenerator.GetBytes(32);
                    byte[] blob = Seal(id, key, plaintext, ContextOf(body, "EncryptionContext"));
                    return Ok(new { KeyId = Arn(id), Plaintext = Convert.ToBase64String(plaintext), CiphertextBlob = Convert.ToBase64String(blob) });
                }

                case "Encrypt":
                {
                    (string id, FakeKey key) = Resolve(body.GetProperty("KeyId").GetString()!);
                    byte[] plaintext = Convert.FromBase64String(body.GetProperty("Plaintext").GetString()!);
                    return Ok(new { KeyId = Arn(id), CiphertextBlob = Convert.ToBase64String(Seal(id, key, plaintext, ContextOf(body, "EncryptionContext"))) });
                }

                case "Decrypt":
                {
                    byte[] blob = Convert.FromBase64String(body.GetProperty("CiphertextBlob").GetString()!);
                    string? requested = body.TryGetProperty("KeyId", out JsonElement k) ? k.GetString() : null;
                    (string id, byte[] plaintext) = Open(blob, requested, ContextOf(body, "EncryptionContext"));
                    return Ok(new { KeyId = Arn(id), Plaintext = Convert.ToBase64String(plaintext) });
                }

                case "ReEncrypt":
                {
                    byte[] blob = Convert.FromBase64String(body.GetProperty("CiphertextBlob").GetString()!);
                    string? source = body.TryGetProperty("SourceKeyId", out JsonElement s) ? s.GetString() : null;
                    (string sourceId, byte[] plaintext) = Open(blob, source, ContextOf(body, "SourceEncryptionContext"));
                    (string destId, FakeKey dest) = Resolve(body.GetProperty("DestinationKeyId").GetString()!);
                    byte[] rewrapped = Seal(destId, dest, plaintext, ContextOf(body, "DestinationEncryptionContext"));
                    return Ok(new { KeyId = Arn(destId), SourceKeyId = Arn(sourceId), CiphertextBlob = Convert.ToBase64String(rewrapped) });
                }

                default:
                    return Fail("UnknownOperationException", operation);
            }
        }
        catch (KmsError error)
        {
            return Fail(error.Type, error.Message);
        }
    }

    private (string Id, FakeKey Key) Resolve(string keyId)
    {
        lock (_keys)
        {
            string id = keyId;
            if (keyId.StartsWith("arn:", StringComparison.Ordinal))
            {
                string resource = keyId.Split(':', 6)[5];
                id = resource.StartsWith("alias/", StringComparison.Ordinal)
                    ? (_aliases.TryGetValue(resource, out string? target) ? target : throw new KmsError("NotFoundException", "alias"))
                    : resource["key/".Length..];
            }
            else if (keyId.StartsWith("alias/", StringComparison.Ordinal))
            {
                id = _aliases.TryGetValue(keyId, out string? target) ? target : throw new KmsError("NotFoundException", "alias");
            }

            if (!_keys.TryGetValue(id, out FakeKey? key))
            {
                throw new KmsError("NotFoundException", "key");
            }

            if (!key.Enabled)
            {
                throw new KmsError("DisabledException", "disabled");
            }

            return (id, key);
        }
    }

    private static byte[] Seal(string id, FakeKey key, byte[] plaintext, byte[] aad)
    {
        byte[] idBytes = Encoding.ASCII.GetBytes(id);
        byte[] blob = new byte[1 + idBytes.Length + 12 + plaintext.Length + 16];
        blob[0] = (byte)idBytes.Length;
        idBytes.CopyTo(blob, 1);
        Span<byte> nonce = blob.AsSpan(1 + idBytes.Length, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Material, 16);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(1 + idBytes.Length + 12, plaintext.Length), blob.AsSpan(blob.Length - 16), aad);
        return blob;
    }

    private (string Id, byte[] Plaintext) Open(byte[] blob, string? requestedKeyId, byte[] aad)
    {
        if (blob.Length < 1 + 36 + 12 + 16 || blob[0] != 36)
        {
            throw new KmsError("InvalidCiphertextException", "blob");
        }

        string id = Encoding.ASCII.GetString(blob, 1, 36);
        (string resolved, FakeKey key) = Resolve(id);
        if (requestedKeyId is not null && Resolve(requestedKeyId).Id != resolved)
        {
            throw new KmsError("IncorrectKeyException", "key mismatch");
        }

        byte[] plaintext = new byte[blob.Length - 1 - 36 - 12 - 16];
        try
        {
            using var aes = new AesGcm(key.Material, 16);
            aes.Decrypt(blob.AsSpan(37, 12), blob.AsSpan(49, plaintext.Length), blob.AsSpan(blob.Length - 16), plaintext, aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new KmsError("InvalidCiphertextException", "context or blob mismatch");
        }

        return (resolved, plaintext);
    }

    private static byte[] ContextOf(JsonElement body, string property)
    {
        if (!body.TryGetProperty(property, out JsonElement context) || context.ValueKind != JsonValueKind.Object)
        {
            return Array.Empty<byte>();
        }

        IEnumerable<string> pairs = context.EnumerateObject().Select(p => p.Name + "=" + p.Value.GetString()).OrderBy(p => p, StringComparer.Ordinal);
        return Encoding.UTF8.GetBytes(string.Join("\n", pairs));
    }

    private static (int, string, string?) Ok(object value) => (200, JsonSerializer.Serialize(value), null);

    private static (int, string, string?) Fail(string type, string message) => (400, Error(type, message), type);

    private static string Error(string type, string message) => JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message });

    private static async Task WriteAsync(HttpListenerContext context, int status, string json, string? errorType)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
        if (errorType is not null)
        {
            context.Response.Headers["x-amzn-ErrorType"] = errorType;
        }

        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class FakeKey(byte[] material)
    {
        public byte[] Material { get; } = material;

        public bool Enabled { get; set; } = true;
    }

    private sealed class KmsError(string type, string message) : Exception(message)
    {
        public string Type { get; } = type;
    }
}
