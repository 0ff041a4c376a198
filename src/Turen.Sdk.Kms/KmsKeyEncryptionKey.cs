using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Turen.Sdk.Keys;
using AwsKeyUnavailableException = Amazon.KeyManagementService.Model.KeyUnavailableException;
using TurenKeyUnavailableException = Turen.Sdk.Keys.KeyUnavailableException;

namespace Turen.Sdk.Kms;

/// <summary>
/// A key-encryption key in AWS KMS. DEKs are made with <c>GenerateDataKey</c> (or wrapped with <c>Encrypt</c>), unwrapped
/// with <c>Decrypt</c> and moved to another KMS key with <c>ReEncrypt</c>, so during a KEK rotation the plaintext DEK
/// never leaves KMS. Every call carries the encryption context <c>turen.org</c> / <c>turen.org-dek-version</c>, which
/// KMS binds into the ciphertext (and records in CloudTrail).
/// </summary>
/// <remarks>
/// Failures are mapped to typed exceptions and fail closed: access denied → <see cref="KeyAccessDeniedException"/>;
/// key not found, disabled or pending deletion → <see cref="TurenKeyUnavailableException"/>; throttling after the
/// SDK's standard-mode retries → <see cref="KeyServiceThrottledException"/>; a timeout → <see cref="KeyServiceTimeoutException"/>;
/// 5xx or network failures after retries → <see cref="KeyServiceUnavailableException"/>; a ciphertext that does not
/// belong to this key and context → <see cref="KeyUnwrapException"/>.
/// </remarks>
public sealed class KmsKeyEncryptionKey : IKeyEncryptionKey, IKeyEncryptionKeyRewrapper
{
    private readonly IAmazonKeyManagementService _client;

    /// <summary>Uses <paramref name="client"/> (its retry and timeout settings apply) with the KMS key <paramref name="keyId"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="keyId"/> is not a key id, key ARN, alias name or alias ARN.</exception>
    public KmsKeyEncryptionKey(IAmazonKeyManagementService client, string keyId)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!KmsKeyIds.IsValid(keyId))
        {
            throw new ArgumentException("Expected a KMS key id, key ARN, alias name (alias/...) or alias ARN.", nameof(keyId));
        }

        _client = client;
        KeyId = keyId;
    }

    /// <summary>The KMS key as configured (id, ARN or alias); stored beside each DEK it wraps.</summary>
    public string KeyId { get; }

    /// <summary>The client configuration Turen recommends: standard retry mode, the given retries and timeout, and the region or endpoint.</summary>
    public static AmazonKeyManagementServiceConfig CreateClientConfig(KmsKeyEncryptionKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        var config = new AmazonKeyManagementServiceConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxErrorRetry,
            Timeout = options.Timeout,
        };
        if (options.ServiceUrl is not null)
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (options.Region is not null)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return config;
    }

    /// <inheritdoc/>
    public async ValueTask<GeneratedOrgDataKey> GenerateAsync(OrgKeyContext context, CancellationToken cancellationToken = default)
    {
        OrgIds.Validate(context.OrgId);
        var request = new GenerateDataKeyRequest { KeyId = KeyId, KeySpec = DataKeySpec.AES_256, EncryptionContext = ContextOf(context) };
        GenerateDataKeyResponse response = await CallAsync("GenerateDataKey", context, c => _client.GenerateDataKeyAsync(request, c), cancellationToken).ConfigureAwait(false);
        byte[] wrapped = response.CiphertextBlob?.ToArray() ?? Array.Empty<byte>();
        OrgDataKey key = TakeKey(response.Plaintext, context, "GenerateDataKey");
        if (wrapped.Length == 0)
        {
            key.Dispose();
            throw new KeyEncryptionKeyException($"KMS GenerateDataKey returned no ciphertext for {context}.");
        }

        return new GeneratedOrgDataKey(key, wrapped);
    }

    /// <inheritdoc/>
    public async ValueTask<byte[]> WrapAsync(OrgDataKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var context = new OrgKeyContext(key.OrgId, key.Version);
        byte[] plaintext = GC.AllocateArray<byte>(OrgDataKey.KeySizeInBytes, pinned: true);
        key.KeyBytes.CopyTo(plaintext);
        try
        {
            using var stream = new MemoryStream(plaintext, writable: false);
            var request = new EncryptRequest { KeyId = KeyId, Plaintext = stream, EncryptionContext = ContextOf(context) };
            EncryptResponse response = await CallAsync("Encrypt", context, c => _client.EncryptAsync(request, c), cancellationToken).ConfigureAwait(false);
            return response.CiphertextBlob?.ToArray() ?? throw new KeyEncryptionKeyException($"KMS Encrypt returned no ciphertext for {context}.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<OrgDataKey> UnwrapAsync(OrgKeyContext context, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        if (wrappedKey.IsEmpty)
        {
            throw new KeyUnwrapException($"The wrapped key of {context} is empty.");
        }

        var request = new DecryptRequest
        {
            KeyId = KeyId,
            CiphertextBlob = new MemoryStream(wrappedKey.ToArray(), writable: false),
            EncryptionContext = ContextOf(context),
        };
        DecryptResponse response = await CallAsync("Decrypt", context, c => _client.DecryptAsync(request, c), cancellationToken).ConfigureAwait(false);
        return TakeKey(response.Plaintext, context, "Decrypt");
    }

    /// <summary>
    /// Moves a DEK wrapped by another <see cref="KmsKeyEncryptionKey"/> to this KMS key with <c>ReEncrypt</c>; null
    /// for any other kind of source (the caller then unwraps and wraps in process).
    /// </summary>
    public async ValueTask<byte[]?> TryRewrapFromAsync(IKeyEncryptionKey source, OrgKeyContext context, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        if (source is not KmsKeyEncryptionKey kmsSource)
        {
            return null;
        }

        Dictionary<string, string> pairs = ContextOf(context);
        var request = new ReEncryptRequest
        {
            CiphertextBlob = new MemoryStream(wrappedKey.ToArray(), writable: false),
            SourceKeyId = kmsSource.KeyId,
            SourceEncryptionContext = pairs,
            DestinationKeyId = KeyId,
            DestinationEncryptionContext = pairs,
        };
        ReEncryptResponse response = await CallAsync("ReEncrypt", context, c => _client.ReEncryptAsync(request, c), cancellationToken).ConfigureAwait(false);
        return response.CiphertextBlob?.ToArray() ?? throw new KeyEncryptionKeyException($"KMS ReEncrypt returned no ciphertext for {context}.");
    }

    /// <inheritdoc/>
    public override string ToString() => $"KmsKeyEncryptionKey {{ KeyId = {KeyId} }}";

    private static Dictionary<string, string> ContextOf(OrgKeyContext context)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in context.ToEncryptionContext())
        {
            pairs.Add(pair.Key, pair.Value);
        }

        return pairs;
    }

    private static OrgDataKey TakeKey(MemoryStream? plaintext, OrgKeyContext context, string operation)
    {
        if (plaintext is null)
        {
            throw new KeyEncryptionKeyException($"KMS {operation} returned no key for {context}.");
        }

        try
        {
            if (!plaintext.TryGetBuffer(out ArraySegment<byte> buffer))
            {
                buffer = plaintext.ToArray();
            }

            try
            {
                if (buffer.Count != OrgDataKey.KeySizeInBytes)
                {
                    throw new KeyUnwrapException($"KMS {operation} returned a {buffer.Count}-byte key for {context}; expected {OrgDataKey.KeySizeInBytes}.");
                }

                return OrgDataKey.Create(context.OrgId, context.Version, buffer.AsSpan());
            }
            finally
            {
                CryptographicOperations.ZeroMemory(buffer.AsSpan());
            }
        }
        finally
        {
            plaintext.Dispose();
        }
    }

    private async Task<T> CallAsync<T>(string operation, OrgKeyContext context, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Map(ex, operation, context, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    private KeyEncryptionKeyException? Map(Exception ex, string operation, OrgKeyContext context, CancellationToken cancellationToken)
    {
        string what = $"KMS {operation} with key {KeyId} for {context}";
        switch (ex)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return null; // the caller cancelled: let that surface as it is
            case InvalidCiphertextException or IncorrectKeyException:
                return new KeyUnwrapException($"{what} failed: the ciphertext does not belong to this key and context.", ex);
            case NotFoundException:
                return new TurenKeyUnavailableException($"{what} failed: the KMS key was not found.", ex);
            case DisabledException:
                return new TurenKeyUnavailableException($"{what} failed: the KMS key is disabled.", ex);
            case KMSInvalidStateException:
                return new TurenKeyUnavailableException($"{what} failed: the KMS key is not usable in its state (pending deletion or import).", ex);
            case AwsKeyUnavailableException:
                return new KeyServiceUnavailableException($"{what} failed: KMS reports the key as temporarily unavailable.", ex);
            case DependencyTimeoutException:
                return new KeyServiceTimeoutException($"{what} timed out inside KMS.", ex);
            case AmazonServiceException service when IsAccessDenied(service):
                return new KeyAccessDeniedException($"{what} was denied ({service.ErrorCode}).", ex);
            case AmazonServiceException service when IsThrottling(service):
                return new KeyServiceThrottledException($"{what} was throttled after {MaxAttempts()} attempt(s).", ex);
            case AmazonServiceException service when (int)service.StatusCode >= 500:
                return new KeyServiceUnavailableException($"{what} failed with HTTP {(int)service.StatusCode} after {MaxAttempts()} attempt(s).", ex);
            case AmazonServiceException service:
                return new KeyEncryptionKeyException($"{what} failed ({service.ErrorCode}).", ex);
            case OperationCanceledException or TimeoutException:
                return new KeyServiceTimeoutException($"{what} timed out.", ex);
            case HttpRequestException or IOException or AmazonClientException:
                return new KeyServiceUnavailableException($"{what} could not reach KMS after {MaxAttempts()} attempt(s).", ex);
            default:
                return null;
        }
    }

    private int MaxAttempts() => _client.Config.MaxErrorRetry + 1;

    private static bool IsAccessDenied(AmazonServiceException ex) =>
        ex.StatusCode == HttpStatusCode.Forbidden ||
        ex.ErrorCode is "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException" or "ExpiredTokenException" or "InvalidGrantTokenException";

    private static bool IsThrottling(AmazonServiceException ex) =>
        ex is LimitExceededException ||
        ex.StatusCode == HttpStatusCode.TooManyRequests ||
        ex.ErrorCode is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded";
}
