namespace Turen.Sdk.Transport;

/// <summary>Which transport rule a request or a listener broke.</summary>
public enum TransportGuardViolation
{
    /// <summary>A cleartext (<c>http</c>) request to a host that is not loopback.</summary>
    CleartextToRemoteHost = 1,

    /// <summary>A scheme other than <c>https</c> or <c>http</c> (or a relative URI).</summary>
    UnsupportedScheme = 2,

    /// <summary>
    /// A redirect that would leave <c>https</c>, go from loopback cleartext to a remote host, or resend a request body to
    /// another origin.
    /// </summary>
    InsecureRedirect = 3,

    /// <summary>More redirects than <see cref="TurenTransportOptions.MaxRedirects"/>.</summary>
    TooManyRedirects = 4,

    /// <summary>
    /// The handler under the guard is not the one <see cref="TurenHttpHandlers"/> built (certificate validation overridden
    /// or its chain policy relaxed, TLS versions, cipher suites or the encryption policy changed, automatic redirects on).
    /// </summary>
    InsecureHandlerConfiguration = 5,

    /// <summary>A listener address (or a name's resolved address) is not 127.0.0.1 or ::1.</summary>
    NonLoopbackListener = 6,
}
