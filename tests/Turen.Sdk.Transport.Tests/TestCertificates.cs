using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Turen.Sdk.Transport.Tests;

/// <summary>
/// A throw-away root CA and a server certificate for "localhost" (DNS name only, no IP address) signed by it, made in
/// memory per test run. Clients trust the root through <see cref="TurenTransportOptions.TrustedRootCertificates"/>, which
/// still validates the chain and the host name.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        using ECDsa rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Turen Test Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Root = rootRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(2));

        using ECDsa serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = serverRequest.Create(Root, now.AddMinutes(-5), now.AddHours(1), serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(serverKey);
        // A PKCS#12 round trip gives Kestrel a certificate whose key the TLS stack can use on every platform.
        Server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Server { get; }

    public void Dispose()
    {
        Root.Dispose();
        Server.Dispose();
    }
}
