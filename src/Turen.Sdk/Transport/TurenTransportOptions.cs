using System;
using System.Security.Cryptography.X509Certificates;

namespace Turen.Sdk.Transport;

/// <summary>
/// Settings of the guarded HTTP transport. There is deliberately no switch to turn certificate validation off or to allow
/// TLS below 1.2: the only trust knob is <see cref="TrustedRootCertificates"/>, which still validates chain and host name.
/// </summary>
public sealed class TurenTransportOptions
{
    /// <summary>
    /// Roots to trust instead of the system store, for a private Turen deployment (or a test server). When non-empty,
    /// chains must end in one of these roots; the host name and validity period are still checked.
    /// </summary>
    public X509Certificate2Collection TrustedRootCertificates { get; } = new();

    /// <summary>How many redirects to follow (each checked by the same rules); 5 by default, 0 to follow none.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>How long to wait for a TCP connection; 15 seconds by default.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
