using System;
using Microsoft.Extensions.Options;
using Turen.Sdk.Transport;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the guarded Turen <see cref="System.Net.Http.HttpClient"/> with <c>IHttpClientFactory</c>.</summary>
public static class TurenHttpClientServiceCollectionExtensions
{
    /// <summary>The default client name.</summary>
    public const string DefaultClientName = "Turen";

    /// <summary>
    /// Adds a named client whose primary handler is <see cref="TurenHttpHandlers.CreatePrimaryHandler"/> and whose first
    /// handler is the <see cref="TransportGuardHandler"/>. If something later swaps the primary handler for one that
    /// relaxes the rules, the guard refuses to send.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddTurenHttpClient(configure: o => o.MaxRedirects = 2)
    ///         .ConfigureHttpClient(c => c.BaseAddress = new Uri("https://api.turen.dev/"));
    /// HttpClient client = provider.GetRequiredService&lt;IHttpClientFactory&gt;().CreateClient("Turen");
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddTurenHttpClient(this IServiceCollection services, string name = DefaultClientName, Action<TurenTransportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        OptionsBuilder<TurenTransportOptions> options = services.AddOptions<TurenTransportOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(sp => TurenHttpHandlers.CreatePrimaryHandler(sp.GetRequiredService<IOptionsMonitor<TurenTransportOptions>>().Get(name)))
            .AddHttpMessageHandler(sp => new TransportGuardHandler(sp.GetRequiredService<IOptionsMonitor<TurenTransportOptions>>().Get(name)));
    }
}
