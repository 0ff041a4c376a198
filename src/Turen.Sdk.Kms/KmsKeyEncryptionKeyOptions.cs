using System;
using System.Collections.Generic;

namespace Turen.Sdk.Kms;

/// <summary>Settings of an AWS KMS key-encryption key (<see cref="Microsoft.Extensions.DependencyInjection.TurenKmsServiceCollectionExtensions.AddTurenAwsKms"/>).</summary>
public sealed class KmsKeyEncryptionKeyOptions
{
    /// <summary>The KMS key: a key id, a key ARN, an alias name (<c>alias/turen</c>) or an alias ARN. Required.</summary>
    public string? KeyId { get; set; }

    /// <summary>The AWS region (e.g. <c>eu-west-1</c>); null uses the SDK's default region chain.</summary>
    public string? Region { get; set; }

    /// <summary>A custom endpoint (VPC endpoint, FIPS endpoint, or a test double); null uses the regional endpoint.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Retries after the first attempt, in the SDK's standard retry mode (exponential back-off with jitter). Default 3.</summary>
    public int MaxErrorRetry { get; set; } = 3;

    /// <summary>How long one HTTP attempt may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Returns the problems with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!KmsKeyIds.IsValid(KeyId))
        {
            errors.Add("KeyId must be a KMS key id, key ARN, alias name (alias/...) or alias ARN.");
        }

        if (ServiceUrl is not null && (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("https" or "http")))
        {
            errors.Add("ServiceUrl must be an absolute http(s) URL.");
        }

        if (MaxErrorRetry is < 0 or > 10)
        {
            errors.Add("MaxErrorRetry must be between 0 and 10.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add("Timeout must be positive and at most five minutes.");
        }

        return errors;
    }
}
