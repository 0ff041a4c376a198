using System.Threading.Tasks;
using Turen.Sdk.Analyzers.Rules;
using Turen.Sdk.Analyzers.Tests.Infrastructure;

namespace Turen.Sdk.Analyzers.Tests.Rules;

public class WeakTlsAnalyzerTests
{
    private static Task Check(string source) => Verify<WeakTlsAnalyzer>.Analyzer(source);

    [Theory]
#pragma warning disable SYSLIB0014 // the analyzer must see obsolete APIs in user code
    [InlineData("ServicePointManager.SecurityProtocol = {|TUR004:SecurityProtocolType.Tls11|};")]
    [InlineData("ServicePointManager.SecurityProtocol |= {|TUR004:SecurityProtocolType.Tls|};")]
    [InlineData("handler.SslProtocols = {|TUR004:SslProtocols.Tls | SslProtocols.Tls12|};")]
    [InlineData("var options = new SslClientAuthenticationOptions { TargetHost = host, EnabledSslProtocols = {|TUR004:SslProtocols.Tls11|} };")]
    [InlineData("var server = new SslServerAuthenticationOptions { EnabledSslProtocols = {|TUR004:(SslProtocols)768|} };")]
    [InlineData("bool legacy = id > 3; handler.SslProtocols = {|TUR004:legacy ? SslProtocols.Tls : SslProtocols.Tls12|};")]
    [InlineData("stream.AuthenticateAsClient(host, null, {|TUR004:SslProtocols.Tls|}, false);")]
    [InlineData("var socketsHandler = new SocketsHttpHandler(); socketsHandler.SslOptions.EnabledSslProtocols = {|TUR004:SslProtocols.Tls11 | SslProtocols.Tls12|};")]
    [InlineData("var kestrel = new Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions { SslProtocols = {|TUR004:SslProtocols.Tls11|} };")]
    // Validation turned off.
    [InlineData("handler.ServerCertificateCustomValidationCallback = {|TUR004:(message, cert, chain, errors) => true|};")]
    [InlineData("handler.ServerCertificateCustomValidationCallback = {|TUR004:HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|};")]
    [InlineData("ServicePointManager.ServerCertificateValidationCallback += {|TUR004:delegate { return true; }|};")]
    [InlineData("var options = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = {|TUR004:(sender, certificate, chain, errors) => { logger.LogWarning(\"TLS errors: {Errors}\", errors); return true; }|} };")]
    [InlineData("var ssl = new SslStream(new MemoryStream(), false, {|TUR004:(s, c, ch, e) => { if (e != SslPolicyErrors.None) { logger.LogWarning(\"ignored\"); return true; } return true; }|});")]
    [InlineData("var socketsHandler = new SocketsHttpHandler(); socketsHandler.SslOptions.RemoteCertificateValidationCallback = {|TUR004:AcceptAll|};")]
#pragma warning restore SYSLIB0014
    public Task Reports_weak_protocols_and_disabled_validation(string body) =>
        Check(Snippets.InMethod(body) + "public partial class Sample { static bool AcceptAll(object sender, X509Certificate? c, X509Chain? ch, SslPolicyErrors e) => true; }");

    [Theory]
    // Reading, comparing and logging the enum is not a setting.
    [InlineData("if (stream.SslProtocol == SslProtocols.Tls) { logger.LogWarning(\"Peer negotiated {Protocol}\", SslProtocols.Tls11); } var negotiated = stream.SslProtocol; Console.WriteLine(SslProtocols.Tls11); bool old = stream.SslProtocol is SslProtocols.Tls;")]
    // Strong settings, the system default, and switching a weak protocol off.
    [InlineData("handler.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13; handler.SslProtocols = SslProtocols.None; handler.SslProtocols = handler.SslProtocols & ~SslProtocols.Tls11; ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;")]
    // Callbacks that validate properly.
    [InlineData("handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => e == SslPolicyErrors.None;")]
    [InlineData("handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => { if (e == SslPolicyErrors.None) return true; return c?.Thumbprint == \"A1B2C3\"; };")]
    [InlineData("handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => { if (e != SslPolicyErrors.None) throw new AuthenticationException(\"bad certificate\"); return true; };")]
    [InlineData("handler.ServerCertificateCustomValidationCallback = Pinned; Func<int, bool> unrelated = _ => true; bool same = handler.ServerCertificateCustomValidationCallback == HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;")]
    public Task Does_not_report_lookalikes(string body) =>
        Check(Snippets.InMethod(body) + "public partial class Sample { static bool Pinned(HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors e) => e == SslPolicyErrors.None && c?.Thumbprint == \"AB\"; }");

    [Fact]
    public Task Config_files_report_weak_protocols()
    {
        const string Path = "/0/appsettings.json";
        const string Text = """
            {
              "Kestrel": {
                "EndpointDefaults": { "SslProtocols": [ "Tls11", "Tls12" ] },
                "Endpoints": { "Https": { "Url": "https://localhost:5001", "SslProtocols": [ "Tls12", "Tls13" ] } }
              },
              "Legacy": { "SslProtocols": "Tls12, Tls" }
            }
            """;
        return Verify<WeakTlsAnalyzer>.ConfigFile(
            Path,
            Text,
            ConfigSpan.At("TUR004", Path, Text, "Tls11"),
            ConfigSpan.AtPart("TUR004", Path, Text, "Tls12, Tls\"", 7, 3));
    }
}
