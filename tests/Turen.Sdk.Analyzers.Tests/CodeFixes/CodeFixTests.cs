using System.Threading.Tasks;
using Turen.Sdk.Analyzers.Rules;
using Turen.Sdk.Analyzers.Tests.Infrastructure;
using Turen.Sdk.CodeFixes.Rules;

namespace Turen.Sdk.Analyzers.Tests.CodeFixes;

/// <summary>
/// Each test has two findings, so the framework's Fix All passes (document, project, solution) run as well as the single fix.
/// </summary>
public class CodeFixTests
{
    [Fact]
    public Task TUR001_adds_Encrypted_and_its_using() =>
        VerifyFix<SecretMemberAnalyzer, SecretMemberFixer>.Fix(
            """
            [System.Serializable]
            public class Agent
            {
                public string? {|TUR001:RefreshToken|} { get; set; }
                public byte[]? {|TUR001:DeviceKey|};
            }
            """.Replace("DeviceKey", "PrivateKey"),
            """
            using Turen.Sdk.Annotations;

            [System.Serializable]
            public class Agent
            {
                [Encrypted]
                public string? RefreshToken { get; set; }

                [Encrypted]
                public byte[]? PrivateKey;
            }
            """,
            codeActionIndex: 0,
            equivalenceKey: "TUR001_AddEncrypted",
            extraSources: new[] { Stubs.TurenAttributes });

    [Fact]
    public Task TUR001_adds_Hashed() =>
        VerifyFix<SecretMemberAnalyzer, SecretMemberFixer>.Fix(
            """
            using Turen.Sdk.Annotations;

            public class Agent
            {
                [EncryptionContext] public string AgentId { get; set; } = "";
                public string? {|TUR001:AgentSecret|} { get; set; }
            }
            """,
            """
            using Turen.Sdk.Annotations;

            public class Agent
            {
                [EncryptionContext] public string AgentId { get; set; } = "";
                [Hashed]
                public string? AgentSecret { get; set; }
            }
            """,
            codeActionIndex: 1,
            equivalenceKey: "TUR001_AddHashed",
            extraSources: new[] { Stubs.TurenAttributes });

    [Fact]
    public Task TUR003_switches_to_https() =>
        VerifyFix<CleartextHttpAnalyzer, CleartextHttpFixer>.Fix(
            Snippets.InMethod("""
                await client.GetAsync({|TUR003:"http://api.example.com/v1"|});
                var socketUrl = {|TUR003:$"ws://chat.example.com/{id}"|};
                """),
            Snippets.InMethod("""
                await client.GetAsync("https://api.example.com/v1");
                var socketUrl = $"wss://chat.example.com/{id}";
                """));

    [Fact]
    public Task TUR004_uses_tls12_and_tls13() =>
        VerifyFix<WeakTlsAnalyzer, WeakTlsFixer>.Fix(
            Snippets.InMethod("""
                handler.SslProtocols = {|TUR004:SslProtocols.Tls11|};
                var options = new SslClientAuthenticationOptions { EnabledSslProtocols = {|TUR004:SslProtocols.Tls | SslProtocols.Tls12|} };
                """),
            Snippets.InMethod("""
                handler.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                var options = new SslClientAuthenticationOptions { EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 };
                """));

    [Fact]
    public Task TUR004_removes_callbacks_that_accept_everything() =>
        VerifyFix<WeakTlsAnalyzer, WeakTlsFixer>.Fix(
            Snippets.InMethod("""
                var options = new SslClientAuthenticationOptions { TargetHost = host, RemoteCertificateValidationCallback = {|TUR004:delegate { return true; }|} };
                handler.ServerCertificateCustomValidationCallback = {|TUR004:(m, c, ch, e) => true|};
                """),
            Snippets.InMethod("""
                var options = new SslClientAuthenticationOptions { TargetHost = host };
                """));

    [Fact]
    public Task TUR005_binds_to_loopback() =>
        VerifyFix<PublicListenerAnalyzer, PublicListenerFixer>.Fix(
            Snippets.InMethod("""
                var a = new TcpListener({|TUR005:IPAddress.Any|}, 5000);
                var b = new TcpListener({|TUR005:IPAddress.IPv6Any|}, 5000);
                """),
            Snippets.InMethod("""
                var a = new TcpListener(IPAddress.Loopback, 5000);
                var b = new TcpListener(IPAddress.IPv6Loopback, 5000);
                """));

    // Fix All applies the fixes that share one equivalence key, so each kind of TUR005 fix has its own test.
    private const string AspNetUsings = "using Microsoft.AspNetCore.Builder; using Microsoft.AspNetCore.Hosting; using Microsoft.AspNetCore.Server.Kestrel.Core;\n";

    [Fact]
    public Task TUR005_uses_localhost_in_urls() =>
        VerifyFix<PublicListenerAnalyzer, PublicListenerFixer>.Fix(
            AspNetUsings + Snippets.InMethod("var builder = WebApplication.CreateBuilder(); builder.WebHost.UseUrls({|TUR005:\"http://*:5000\"|}, {|TUR005:\"http://0.0.0.0:5001\"|}); builder.Build().Urls.Add({|TUR005:$\"http://+:{port}\"|});"),
            AspNetUsings + Snippets.InMethod("var builder = WebApplication.CreateBuilder(); builder.WebHost.UseUrls(\"http://localhost:5000\", \"http://localhost:5001\"); builder.Build().Urls.Add($\"http://localhost:{port}\");"));

    [Fact]
    public Task TUR005_uses_ListenLocalhost() =>
        VerifyFix<PublicListenerAnalyzer, PublicListenerFixer>.Fix(
            AspNetUsings + Snippets.InMethod("var builder = WebApplication.CreateBuilder(); builder.WebHost.ConfigureKestrel(k => {|TUR005:k.ListenAnyIP(5002)|}); builder.WebHost.ConfigureKestrel(k => {|TUR005:k.ListenAnyIP(5003)|});"),
            AspNetUsings + Snippets.InMethod("var builder = WebApplication.CreateBuilder(); builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(5002)); builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(5003));"));
}
