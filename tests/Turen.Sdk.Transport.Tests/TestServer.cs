using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Turen.Sdk.Transport.Tests;

/// <summary>
/// A Kestrel server on loopback endpoints chosen by <see cref="LoopbackListener.ResolveEndpoints(string, int)"/>, HTTPS
/// with the test certificate (or cleartext when no certificate is given).
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;

    private TestServer(WebApplication app) => _app = app;

    public IReadOnlyList<Uri> Addresses { get; private set; } = Array.Empty<Uri>();

    public int Hits => Volatile.Read(ref _hits);

    public static async Task<TestServer> StartAsync(X509Certificate2? certificate, SslProtocols protocols = SslProtocols.Tls12 | SslProtocols.Tls13, int listeners = 1)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (int i = 0; i < listeners; i++)
            {
                foreach (IPEndPoint endpoint in LoopbackListener.ResolveEndpoints("127.0.0.1", 0))
                {
                    kestrel.Listen(endpoint, listen =>
                    {
                        if (certificate is not null)
                        {
                            listen.UseHttps(certificate, https => https.SslProtocols = protocols);
                        }
                    });
                }
            }
        });

        WebApplication app = builder.Build();
        var server = new TestServer(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server._hits);
            await next(context);
        });
        app.MapGet("/tls", (HttpContext context) => context.Features.Get<ITlsHandshakeFeature>()?.Protocol.ToString() ?? "cleartext");
        app.MapGet("/redirect", (string to, int? status) => Results.Redirect(to, permanent: status == 301, preserveMethod: status == 307));
        app.MapGet("/auth", (HttpContext context) => context.Request.Headers.Authorization.Count > 0 ? "present" : "absent");
        app.MapGet("/loop", () => Results.Redirect("/loop"));
        app.MapPost("/redirect", (string to) => Results.Redirect(to, permanent: false, preserveMethod: true));
        app.MapPost("/auth", (HttpContext context) => context.Request.Headers.Authorization.Count > 0 ? "present" : "absent");
        // Which of the probed request headers arrived, in probe order.
        app.MapGet("/headers", (HttpContext context) => string.Join(",", ProbedHeaders.Where(h => context.Request.Headers.ContainsKey(h))));
        await app.StartAsync();
        server.Addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToArray();
        return server;
    }

    /// <summary>Request headers <c>/headers</c> reports on.</summary>
    public static readonly string[] ProbedHeaders =
    {
        "Authorization", "Cookie", "Proxy-Authorization", "X-Api-Key", "X-Turen-Token", "Accept", "Accept-Language", "User-Agent",
    };

    /// <summary>The first address with the host replaced (e.g. "localhost", which the certificate names).</summary>
    public Uri At(string host, string pathAndQuery, int listener = 0)
    {
        var builder = new UriBuilder(Addresses[listener]) { Host = host };
        return new Uri(builder.Uri, pathAndQuery);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
