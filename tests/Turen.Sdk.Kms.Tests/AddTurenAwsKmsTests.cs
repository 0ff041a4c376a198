using System;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;

namespace Turen.Sdk.Kms.Tests;

public sealed class AddTurenAwsKmsTests : IDisposable
{
    private readonly FakeKmsServer _server = new();

    [Fact]
    public async Task The_registered_kek_is_kms_and_a_ring_works_through_it()
    {
        string keyId = _server.CreateKey("alias/turen");
        var services = new ServiceCollection();
        var options = new KmsKeyEncryptionKeyOptions { KeyId = "alias/turen", ServiceUrl = _server.Url };
        services.AddSingleton<IAmazonKeyManagementService>(new AmazonKeyManagementServiceClient(new BasicAWSCredentials("AKIDEXAMPLE", "x"), KmsKeyEncryptionKey.CreateClientConfig(options)));
        services.AddSingleton<IOrgKeyStore>(new Turen.Sdk.Tests.Keys.InMemoryOrgKeyStore());
        services.AddTuren().AddTurenAwsKms(o => { o.KeyId = "alias/turen"; o.ServiceUrl = _server.Url; });
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<KmsKeyEncryptionKey>(provider.GetRequiredService<IKeyEncryptionKey>());
        OrgKeyManager keyManager = provider.GetRequiredService<OrgKeyManager>();
        await keyManager.CreateOrgAsync("acme");
        using OrgDataKey key = await keyManager.GetActiveKeyAsync("acme");
        Assert.Equal(1, _server.Count("GenerateDataKey"));
        Assert.NotEmpty(keyId);
    }

    [Fact]
    public void Bad_settings_fail_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddTurenAwsKms(o => o.KeyId = "nope");
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("KMS", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _server.Dispose();
}
