using System.Threading.Tasks;
using Turen.Sdk.Credentials;
using Turen.Sdk.Testing.Contract;

namespace Turen.Sdk.Tests.Credentials;

/// <summary>The API-key store contract (src/Turen.Sdk.Testing/Contract) against the in-memory store.</summary>
public sealed class InMemoryApiKeyStoreContractTests : ApiKeyStoreContract
{
    protected override Task<IApiKeyStore> CreateStoreAsync() => Task.FromResult<IApiKeyStore>(new InMemoryApiKeyStore());
}
