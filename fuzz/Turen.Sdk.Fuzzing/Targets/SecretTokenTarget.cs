using System;
using System.Collections.Generic;
using System.Text;
using Turen.Sdk.Credentials;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Fuzzing.Targets;

/// <summary>
/// Agent secrets and API keys as presented by a caller (environment variable, Authorization header), parsed by
/// <c>AgentSecret</c>/<c>ApiKey</c> Parse and TryParse and checked by <see cref="ApiKeyService.VerifyAsync(string, System.Threading.CancellationToken)"/>.
/// Only <see cref="InvalidSecretTokenException"/> may escape Parse, its message never contains the text, TryParse agrees
/// with Parse and with the shared scheme, and a parsed token never shows its body in <c>ToString</c>.
/// </summary>
public sealed class SecretTokenTarget : IFuzzTarget
{
    private static readonly ApiKeyService Service = CreateService(out _);

    /// <inheritdoc />
    public string Name => "secret-token";

    /// <inheritdoc />
    public string Description => "AgentSecret/ApiKey Parse and TryParse, ApiKeyService.VerifyAsync; InvalidSecretTokenException only.";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        bool wellFormed = SecretTokenFormat.IsWellFormed(text);
        bool agent = CheckParse(text, AgentSecret.TryParse, AgentSecret.Parse);
        bool apiKey = CheckParse(text, ApiKey.TryParse, ApiKey.Parse);
        if (agent && apiKey)
        {
            throw new FuzzPropertyException("A text parsed as both an agent secret and an API key.");
        }

        if ((agent || apiKey) != wellFormed)
        {
            throw new FuzzPropertyException("The runtime parsers and the shared token scheme disagree.");
        }

        ApiKeyVerification verification = Service.VerifyAsync(text).GetAwaiter().GetResult();
        if (verification.Status == ApiKeyVerificationStatus.Malformed && apiKey)
        {
            throw new FuzzPropertyException("VerifyAsync called a well-formed API key malformed.");
        }
    }

    /// <inheritdoc />
    public IEnumerable<byte[]> CreateSeeds()
    {
        CreateService(out string created);
        yield return Encoding.ASCII.GetBytes(created);
        foreach (SecretEnvironment environment in new[] { SecretEnvironment.Live, SecretEnvironment.Test })
        {
            using AgentSecret secret = AgentSecret.Generate(environment);
            yield return Encoding.ASCII.GetBytes(secret.Reveal());
            using ApiKey key = ApiKey.Generate(environment);
            yield return Encoding.ASCII.GetBytes(key.Reveal());
            yield return Encoding.ASCII.GetBytes("Bearer " + key.Reveal());
        }
    }

    private delegate bool TryParser<T>(string? text, out T? token);

    private static bool CheckParse<T>(string text, TryParser<T> tryParse, Func<string, T> parse)
        where T : SecretToken
    {
        bool parsed = tryParse(text, out T? token);
        using (token)
        {
            try
            {
                using T again = parse(text);
                if (!parsed)
                {
                    throw new FuzzPropertyException($"{typeof(T).Name}.Parse accepted what TryParse refused.");
                }

                if (again.Reveal() != text || !again.Equals(token))
                {
                    throw new FuzzPropertyException($"{typeof(T).Name} does not round-trip.");
                }

                string shown = again.ToString() + " " + again.Redacted;
                if (text.Length > 12 && shown.Contains(text.Substring(8, 12), StringComparison.Ordinal))
                {
                    throw new FuzzPropertyException($"{typeof(T).Name}.ToString shows the secret body.");
                }
            }
            catch (InvalidSecretTokenException ex)
            {
                if (parsed)
                {
                    throw new FuzzPropertyException($"{typeof(T).Name}.Parse refused what TryParse accepted.");
                }

                // The message names the prefixes, so only text longer than a prefix counts as an echo.
                if (text.Length > 12 && ex.Message.Contains(text, StringComparison.Ordinal))
                {
                    throw new FuzzPropertyException($"{typeof(T).Name}.Parse echoed the text in its message.");
                }
            }
        }

        return parsed;
    }

    private static ApiKeyService CreateService(out string createdKey)
    {
        var service = new ApiKeyService(new InMemoryApiKeyStore(), ApiKeyHashKey.Import(FuzzKeys.FieldKey(9)));
        using CreatedApiKey created = service.CreateAsync("fuzz").GetAwaiter().GetResult();
        createdKey = created.Key.Reveal();
        return service;
    }
}
