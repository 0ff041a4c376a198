using System;
using Amazon.KeyManagementService;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Turen.Sdk.Keys;
using Turen.Sdk.Kms;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AWS KMS as the key-encryption key.</summary>
public static class TurenKmsServiceCollectionExtensions
{
    /// <summary>
    /// Uses a KMS key as the KEK. A registered <see cref="IAmazonKeyManagementService"/> is used as it is; otherwise one
    /// is created with <see cref="KmsKeyEncryptionKey.CreateClientConfig"/> and the SDK's default credential chain.
    /// </summary>
    public static IServiceCollection AddTurenAwsKms(this IServiceCollection services, Action<KmsKeyEncryptionKeyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<KmsKeyEncryptionKeyOptions>()
            .Configure(configure)
            .Validate(o => o.Validate().Count == 0, "Invalid KMS key-encryption key settings (KeyId, ServiceUrl, MaxErrorRetry or Timeout).")
            .ValidateOnStart();
        services.TryAddSingleton<IAmazonKeyManagementService>(sp =>
            new AmazonKeyManagementServiceClient(KmsKeyEncryptionKey.CreateClientConfig(sp.GetRequiredService<IOptions<KmsKeyEncryptionKeyOptions>>().Value)));
        services.TryAddSingleton<IKeyEncryptionKey>(sp => new KmsKeyEncryptionKey(
            sp.GetRequiredService<IAmazonKeyManagementService>(),
            sp.GetRequiredService<IOptions<KmsKeyEncryptionKeyOptions>>().Value.KeyId!));
        return services;
    }
}
