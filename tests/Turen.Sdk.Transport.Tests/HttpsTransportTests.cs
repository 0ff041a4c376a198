using System;
using System.Net.Http;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Turen.Sdk.Transport.Tests;

/// <summary>The guarded client against a real Kestrel HTTPS server on loopback.</summary>
public sealed class HttpsTransportTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    private HttpClient TrustingClient(int maxRedirects = 5)
    {
        var options = new TurenTransportOptions { MaxRedirects = maxRedirects };
        options.TrustedRootCertificates.Add(_certificates.Root);
        return TurenHttpHandlers.CreateClient(options);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12, "Tls12")]
    [InlineData(SslProtocols.Tls13, "Tls13")]
    public async Task Reaches_the_server_over_tls_1_2_and_1_3(SslProtocols serverProtocols, string expected)
    {
        await using TestServer server = await TestServer.StartAsync(_certificates.Server, serverProtocols);
        using HttpClient client = TrustingClient();
        string negotiated = await client.GetStringAsync(server.At("localhost", "/tls"));
        Assert.Equal(expected, negotiated);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused()
    {
        await using TestServer server = await TestServer.StartAsync(_certificates.Server);
        using HttpClient client = TurenHttpHandlers.CreateClient(new TurenTransportOptions());
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(server.At("localhost", "/tls")));
        Assert.IsType<AuthenticationException>(ex.InnerException);
        Assert.Equal(0, server.Hits);
    }

    [Fact]
    public async Task A_trusted_root_still_checks_the_host_name()
    {
        // The certificate names "localhost" only; 127.0.0.1 is the same server under a name the certificate does not carry.
        await using TestServer server = await TestServer.StartAsync(_certificates.Server);
        using HttpClient client = TrustingClient();
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(server.At("127.0.0.1", "/tls")));
        Assert.IsType<AuthenticationException>(ex.InnerException);
        Assert.Equal(0, server.Hits);
    }

    [Fact]
    public async Task A_redirect_from_https_to_http_is_refused_before_it_is_followed()
    {
        await using TestServer tls = await TestServer.StartAsync(_certificates.Server);
        await using TestServer plain = await TestServer.StartAsync(certificate: null);
        using HttpClient client = TrustingClient();
        Uri downgrade = plain.At("127.0.0.1", "/tls");
        var ex = await Assert.ThrowsAsync<TransportGuardException>(
            () => client.GetAsync(tls.At("localhost", "/redirect?to=" + Uri.EscapeDataString(downgrade.ToString()))));
        Assert.Equal(TransportGuardViolation.InsecureRedirect, ex.Violation);
        Assert.DoesNotContain("/tls", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, plain.Hits);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(301)]
    [InlineData(307)]
    public async Task A_redirect_that_stays_on_https_is_followed(int? status)
    {
        await using TestServer server = await TestServer.StartAsync(_certificates.Server);
        using HttpClient client = TrustingClient();
        string suffix = status is null ? string.Empty : "&status=" + status;
        string body = await client.GetStringAsync(server.At("localhost", "/redirect?to=%2Ftls" + suffix));
        Assert.StartsWith("Tls1", body, StringComparison.Ordinal);
        Assert.Equal(2, server.Hits);
    }

    [Fact]
    public async Task Credentials_do_not_follow_a_redirect_to_another_origin()
    {
        await using TestServer server = await TestServer.StartAsync(_certificates.Server, listeners: 2);
        using HttpClient client = TrustingClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "t0ken");
        Assert.Equal("present", await client.GetStringAsync(server.At("localhost", "/auth")));
        Assert.Equal("present", await client.GetStringAsync(server.At("localhost", "/redirect?to=%2Fauth")));
        Uri otherOrigin = server.At("localhost", "/auth", listener: 1);
        Assert.Equal("absent", await client.GetStringAsync(server.At("localhost", "/redirect?to=" + Uri.EscapeDataString(otherOrigin.ToString()))));
    }

    [Fact]
    public async Task Only_allow_listed_headers_follow_a_redirect_to_another_origin()
    {
        await using TestServer server = await TestServer.StartAsync(_certificates.Server, listeners: 2);
        using HttpClient client = TrustingClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "t0ken");
        client.DefaultRequestHeaders.Add("X-Api-Key", "ak_test_secret");
        client.DefaultRequestHeaders.Add("Accept-Language", "en");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("turen-test/1.0");
        using var request = new HttpRequestMessage(HttpMethod.Get, server.At("localhost", "/headers"));
        request.Headers.TryAddWithoutValidation("Cookie", "session=s3cret");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic dXNlcjpwYXNz");
        request.Headers.Add("X-Turen-Token", "t0ken");
        request.Headers.Accept.ParseAdd("text/plain");
        const string all = "Authorization,Cookie,Proxy-Authorization,X-Api-Key,X-Turen-Token,Accept,Accept-Language,User-Agent";
        using (HttpResponseMessage direct = await client.SendAsync(Clone(request)))
        {
            Assert.Equal(all, await direct.Content.ReadAsStringAsync());
        }

        using (HttpResponseMessage sameOrigin = await client.SendAsync(Clone(request, server.At("localhost", "/redirect?to=%2Fheaders"))))
        {
            Assert.Equal(all, await sameOrigin.Content.ReadAsStringAsync());
        }

        Uri otherOrigin = server.At("localhost", "/headers", listener: 1);
        using HttpResponseMessage crossOrigin = await client.SendAsync(Clone(request, server.At("localhost", "/redirect?to=" + Uri.EscapeDataString(otherOrigin.ToString()))));
        Assert.Equal("Accept,Accept-Language,User-Agent", await crossOrigin.Content.ReadAsStringAsync());

        static HttpRequestMessage Clone(HttpRequestMessage source, Uri? target = null)
        {
            var copy = new HttpRequestMessage(source.Method, target ?? source.RequestUri);
            foreach (var header in source.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return copy;
        }
    }

    [Fact]
    public async Task A_body_is_never_resent_to_another_origin()
    {
        await using TestServer server = await TestServer.StartAsync(_certificates.Server, listeners: 2);
        using HttpClient client = TrustingClient();
        using var sameOrigin = new StringContent("client_secret=s3cret");
        using HttpResponseMessage followed = await client.PostAsync(server.At("localhost", "/redirect?to=%2Fauth"), sameOrigin);
        Assert.Equal("absent", await followed.Content.ReadAsStringAsync());

        Uri otherOrigin = server.At("localhost", "/auth", listener: 1);
        int hitsBefore = server.Hits;
        using var body = new StringContent("client_secret=s3cret");
        var ex = await Assert.ThrowsAsync<TransportGuardException>(
            () => client.PostAsync(server.At("localhost", "/redirect?to=" + Uri.EscapeDataString(otherOrigin.ToString())), body));
        Assert.Equal(TransportGuardViolation.InsecureRedirect, ex.Violation);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
        Assert.Equal(hitsBefore + 1, server.Hits);
    }

    [Fact]
    public async Task A_chain_policy_that_accepts_an_unknown_root_refuses_to_send()
    {
        await using TestServer server = await TestServer.StartAsync(_certificates.Server);
        SocketsHttpHandler primary = TurenHttpHandlers.CreatePrimaryHandler(new TurenTransportOptions());
        // Without the guard this handler would accept the test server's certificate, whose root nobody trusts.
        primary.SslOptions.CertificateChainPolicy = new X509ChainPolicy { VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority };
        using var client = new HttpClient(new TransportGuardHandler(new TurenTransportOptions()) { InnerHandler = primary });
        var ex = await Assert.ThrowsAsync<TransportGuardException>(() => client.GetAsync(server.At("localhost", "/tls")));
        Assert.Equal(TransportGuardViolation.InsecureHandlerConfiguration, ex.Violation);
        Assert.Equal(0, server.Hits);
    }

    [Fact]
    public async Task Redirect_loops_stop_with_a_typed_error()
    {
        await using TestServer server = await TestServer.StartAsync(_certificates.Server);
        using HttpClient client = TrustingClient(maxRedirects: 2);
        var ex = await Assert.ThrowsAsync<TransportGuardException>(() => client.GetAsync(server.At("localhost", "/loop")));
        Assert.Equal(TransportGuardViolation.TooManyRedirects, ex.Violation);
        Assert.Equal(3, server.Hits);
    }

    [Fact]
    public async Task Cleartext_to_a_loopback_server_is_allowed()
    {
        await using TestServer plain = await TestServer.StartAsync(certificate: null);
        using HttpClient client = TurenHttpHandlers.CreateClient(new TurenTransportOptions());
        Assert.Equal("cleartext", await client.GetStringAsync(plain.At("127.0.0.1", "/tls")));
        Assert.Equal("cleartext", await client.GetStringAsync(plain.At("localhost", "/tls")));
    }

    [Fact]
    public async Task The_client_from_IHttpClientFactory_is_guarded_and_validates()
    {
        await using TestServer server = await TestServer.StartAsync(_certificates.Server);
        var services = new ServiceCollection();
        services.AddTurenHttpClient(configure: o => o.TrustedRootCertificates.Add(_certificates.Root));
        using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(TurenHttpClientServiceCollectionExtensions.DefaultClientName);

        Assert.StartsWith("Tls1", await client.GetStringAsync(server.At("localhost", "/tls")), StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<TransportGuardException>(() => client.GetAsync("http://192.0.2.10/"));
        Assert.Equal(TransportGuardViolation.CleartextToRemoteHost, ex.Violation);
    }

    [Fact]
    public async Task A_factory_client_whose_primary_handler_skips_validation_refuses_to_send()
    {
        await using TestServer server = await TestServer.StartAsync(_certificates.Server);
        var services = new ServiceCollection();
        services.AddTurenHttpClient()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true, EnabledSslProtocols = SslProtocols.Tls12 },
            });
        using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("Turen");

        var ex = await Assert.ThrowsAsync<TransportGuardException>(() => client.GetAsync(server.At("localhost", "/tls")));
        Assert.Equal(TransportGuardViolation.InsecureHandlerConfiguration, ex.Violation);
        Assert.Contains("certificate validation callback", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Hits);
    }
}
