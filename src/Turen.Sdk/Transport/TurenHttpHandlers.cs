using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace Turen.Sdk.Transport;

/// <summary>
/// Builds the HTTP handlers for calls to Turen: TLS 1.2 or 1.3 only, certificate validation always on, <c>https</c>
/// required except for loopback hosts, redirects checked by the same rules. Prefer
/// <see cref="Microsoft.Extensions.DependencyInjection.TurenHttpClientServiceCollectionExtensions.AddTurenHttpClient"/>;
/// use these directly without dependency injection.
/// </summary>
/// <example>
/// <code>
/// using HttpClient client = TurenHttpHandlers.CreateClient(new TurenTransportOptions());
/// await client.GetAsync("https://api.turen.dev/v1/ping");          // TLS 1.2+ with full validation
/// await client.GetAsync("http://api.turen.dev/v1/ping");           // TransportGuardException: CleartextToRemoteHost
/// </code>
/// </example>
public static class TurenHttpHandlers
{
    /// <summary>The only TLS versions the transport enables.</summary>
    public const SslProtocols EnabledProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>
    /// The socket-level handler: TLS 1.2/1.3, no certificate callback, automatic redirects off (the guard follows them),
    /// and a connect step that refuses a cleartext connection to any non-loopback address before opening a socket.
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler(TurenTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = options.ConnectTimeout,
            ConnectCallback = ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        handler.SslOptions.EnabledSslProtocols = EnabledProtocols;
        handler.SslOptions.CertificateRevocationCheckMode = X509RevocationMode.NoCheck;
        if (options.TrustedRootCertificates.Count > 0)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(options.TrustedRootCertificates);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        return handler;
    }

    /// <summary>The guard over a fresh primary handler: the whole client-side pipeline.</summary>
    public static HttpMessageHandler CreateHandler(TurenTransportOptions options) =>
        new TransportGuardHandler(options) { InnerHandler = CreatePrimaryHandler(options) };

    /// <summary>A client over <see cref="CreateHandler"/>.</summary>
    public static HttpClient CreateClient(TurenTransportOptions options) => new(CreateHandler(options), disposeHandler: true);

    /// <summary>Checks a handler the guard sits on: null when it is safe, otherwise why not.</summary>
    internal static string? DescribeUnsafe(SocketsHttpHandler handler)
    {
        if (handler.SslOptions.RemoteCertificateValidationCallback is not null)
        {
            return "a certificate validation callback was installed";
        }

        if (handler.SslOptions.EnabledSslProtocols == SslProtocols.None || (handler.SslOptions.EnabledSslProtocols & ~EnabledProtocols) != 0)
        {
            return "TLS versions other than 1.2 and 1.3 are enabled (or the system default is used)";
        }

        if (handler.SslOptions.CertificateChainPolicy is { } chain && DescribeRelaxed(chain) is { } relaxed)
        {
            return relaxed;
        }

        if (handler.SslOptions.EncryptionPolicy != EncryptionPolicy.RequireEncryption)
        {
            return "the encryption policy allows connections without encryption";
        }

        if (handler.SslOptions.CipherSuitesPolicy is not null)
        {
            return "a cipher-suite policy replaces the system's TLS 1.2/1.3 suites";
        }

        if (handler.AllowAutoRedirect)
        {
            return "automatic redirects are on, so redirects would bypass the guard";
        }

        if (handler.ConnectCallback != (Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>)ConnectAsync)
        {
            return "the connect step was replaced";
        }

        return null;
    }

    // Custom roots (TurenTransportOptions.TrustedRootCertificates) are a deliberate pin; anything that makes the chain
    // check accept more than a valid chain to a trusted root is not.
    private static string? DescribeRelaxed(X509ChainPolicy chain)
    {
        if (chain.VerificationFlags != X509VerificationFlags.NoFlag)
        {
            return $"the certificate chain policy ignores errors ({chain.VerificationFlags})";
        }

        if (!chain.VerificationTimeIgnored)
        {
            return "the certificate chain policy checks validity at a fixed time instead of now";
        }

        return null;
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        bool cleartext = context.InitialRequestMessage.RequestUri is { } uri && !string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        IPAddress[] addresses = IPAddress.TryParse(context.DnsEndPoint.Host.Trim('[', ']'), out IPAddress? literal)
            ? new[] { literal }
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        if (cleartext)
        {
            // Checked on the resolved addresses, so "localhost" mapped elsewhere in a hosts file is refused too.
            foreach (IPAddress address in addresses)
            {
                if (!LoopbackHost.IsLoopback(address))
                {
                    throw new TransportGuardException(
                        TransportGuardViolation.CleartextToRemoteHost,
                        $"Refused a cleartext connection to {context.DnsEndPoint.Host}: it resolves to the non-loopback address {address}. Use https.");
                }
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
