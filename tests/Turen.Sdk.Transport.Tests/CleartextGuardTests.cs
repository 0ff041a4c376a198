using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Transport.Tests;

/// <summary>Refusals that must happen before any connection: checked against a handler that records every send.</summary>
public sealed class CleartextGuardTests
{
    [Theory]
    [InlineData("http://192.0.2.10/v1/sessions")]
    [InlineData("http://10.0.0.1:8080/")]
    [InlineData("http://api.turen.dev/")]
    [InlineData("http://127.0.0.1.nip.io/")]
    [InlineData("http://localhost.evil.example/")]
    [InlineData("http://[2001:db8::1]/")]
    [InlineData("http://0.0.0.0/")]
    public async Task Cleartext_to_a_non_loopback_host_is_refused_before_sending(string url)
    {
        var spy = new RecordingHandler();
        using var client = new HttpClient(new TransportGuardHandler(new TurenTransportOptions()) { InnerHandler = spy });
        var ex = await Assert.ThrowsAsync<TransportGuardException>(() => client.GetAsync(url));
        Assert.Equal(TransportGuardViolation.CleartextToRemoteHost, ex.Violation);
        Assert.Equal(0, spy.Sends);
        Assert.DoesNotContain("/v1/sessions", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://files.turen.dev/x")]
    [InlineData("ws://127.0.0.1/")]
    [InlineData("file:///etc/passwd")]
    public async Task Other_schemes_are_refused(string url)
    {
        var spy = new RecordingHandler();
        using var client = new HttpClient(new TransportGuardHandler(new TurenTransportOptions()) { InnerHandler = spy });
        var ex = await Assert.ThrowsAsync<TransportGuardException>(() => client.GetAsync(url));
        Assert.Equal(TransportGuardViolation.UnsupportedScheme, ex.Violation);
        Assert.Equal(0, spy.Sends);
    }

    [Fact]
    public async Task The_connect_step_refuses_cleartext_to_a_remote_address_even_without_the_guard()
    {
        // Defence in depth: the primary handler alone, asked for cleartext to a TEST-NET address, fails at once rather
        // than opening a socket (which would hang until the connect timeout).
        using var client = new HttpClient(TurenHttpHandlers.CreatePrimaryHandler(new TurenTransportOptions { ConnectTimeout = TimeSpan.FromSeconds(30) }));
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://192.0.2.10:81/"));
        var guard = Assert.IsType<TransportGuardException>(ex.InnerException ?? ex);
        Assert.Equal(TransportGuardViolation.CleartextToRemoteHost, guard.Violation);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_primary_handler_enables_only_tls_1_2_and_1_3_and_validates_certificates()
    {
        using var handler = TurenHttpHandlers.CreatePrimaryHandler(new TurenTransportOptions());
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, handler.SslOptions.EnabledSslProtocols);
        Assert.Null(handler.SslOptions.RemoteCertificateValidationCallback);
        Assert.Null(handler.SslOptions.CertificateChainPolicy);
        Assert.False(handler.AllowAutoRedirect);
        Assert.Null(TurenHttpHandlers.DescribeUnsafe(handler));
    }

    [Fact]
    public void Trusted_roots_become_a_custom_root_chain_policy()
    {
        using var certificates = new TestCertificates();
        var options = new TurenTransportOptions();
        options.TrustedRootCertificates.Add(certificates.Root);
        using var handler = TurenHttpHandlers.CreatePrimaryHandler(options);
        Assert.Equal(System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust, handler.SslOptions.CertificateChainPolicy!.TrustMode);
        Assert.Single(handler.SslOptions.CertificateChainPolicy.CustomTrustStore);
    }

    [Theory]
    [InlineData("callback")]
    [InlineData("tls11")]
    [InlineData("default-protocols")]
    [InlineData("auto-redirect")]
    [InlineData("connect")]
    [InlineData("chain-flags")]
    [InlineData("chain-time")]
    [InlineData("encryption-policy")]
    [InlineData("cipher-suites")]
    public void Relaxed_primary_handlers_are_detected(string relaxation)
    {
        using var handler = TurenHttpHandlers.CreatePrimaryHandler(new TurenTransportOptions());
        switch (relaxation)
        {
            case "callback":
                handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
                break;
            case "tls11":
#pragma warning disable SYSLIB0039 // The point is to detect an obsolete protocol.
                handler.SslOptions.EnabledSslProtocols |= SslProtocols.Tls11;
#pragma warning restore SYSLIB0039
                break;
            case "default-protocols":
                handler.SslOptions.EnabledSslProtocols = SslProtocols.None;
                break;
            case "auto-redirect":
                handler.AllowAutoRedirect = true;
                break;
            case "chain-flags":
                handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority };
                break;
            case "chain-time":
                handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { VerificationTimeIgnored = false, VerificationTime = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
                break;
            case "encryption-policy":
#pragma warning disable SYSLIB0040 // The point is to detect a policy that allows no encryption.
                handler.SslOptions.EncryptionPolicy = EncryptionPolicy.AllowNoEncryption;
#pragma warning restore SYSLIB0040
                break;
            case "cipher-suites":
                if (OperatingSystem.IsWindows())
                {
                    return; // Windows has no CipherSuitesPolicy: nothing to relax there.
                }

                handler.SslOptions.CipherSuitesPolicy = new CipherSuitesPolicy(new[] { TlsCipherSuite.TLS_AES_128_GCM_SHA256 });
                break;
            default:
                handler.ConnectCallback = (_, _) => throw new InvalidOperationException();
                break;
        }

        Assert.NotNull(TurenHttpHandlers.DescribeUnsafe(handler));
    }

    [Fact]
    public async Task A_guard_over_a_foreign_handler_refuses_to_send()
    {
        var spy = new RecordingHandler();
        using var client = new HttpClient(new TransportGuardHandler(new TurenTransportOptions()) { InnerHandler = spy });
        var ex = await Assert.ThrowsAsync<TransportGuardException>(() => client.GetAsync("https://api.turen.dev/"));
        Assert.Equal(TransportGuardViolation.InsecureHandlerConfiguration, ex.Violation);
        Assert.Equal(0, spy.Sends);
    }

    [Fact]
    public void Negative_redirect_limits_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransportGuardHandler(new TurenTransportOptions { MaxRedirects = -1 }));

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public int Sends { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sends++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
