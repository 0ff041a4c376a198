using System.Threading.Tasks;
using Turen.Sdk.Analyzers.Rules;
using Turen.Sdk.Analyzers.Tests.Infrastructure;

namespace Turen.Sdk.Analyzers.Tests.Rules;

public class PublicListenerAnalyzerTests
{
    private const string AspNet = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Server.Kestrel.Core;

        """;

    private static Task Check(string source) => Verify<PublicListenerAnalyzer>.Analyzer(AspNet + source);

    private static string WithApp(string body) => Snippets.InMethod(
        "var builder = WebApplication.CreateBuilder(); var app = builder.Build(); KestrelServerOptions options = null!; var listener = new HttpListener();\n" + body);

    [Theory]
    [InlineData("var l = new TcpListener({|TUR005:IPAddress.Any|}, 5000);")]
    [InlineData("var l = new TcpListener(new IPEndPoint({|TUR005:IPAddress.IPv6Any|}, 80));")]
    [InlineData("socket.Bind(new IPEndPoint({|TUR005:IPAddress.Any|}, port));")]
    [InlineData("var endPoint = new IPEndPoint({|TUR005:IPAddress.Any|}, 9000); var l = new TcpListener(endPoint);")]
    [InlineData("var l = new TcpListener({|TUR005:IPAddress.Parse(\"0.0.0.0\")|}, 5000);")]
    [InlineData("var l = new TcpListener({|TUR005:IPAddress.Parse(\"10.1.2.3\")|}, 5000);")]
    [InlineData("var u = new UdpClient(new IPEndPoint({|TUR005:IPAddress.Any|}, 514));")]
#pragma warning disable CS0618
    [InlineData("var l = {|TUR005:new TcpListener(5000)|};")]
#pragma warning restore CS0618
    [InlineData("var l = {|TUR005:TcpListener.Create(5000)|};")]
    [InlineData("var u = {|TUR005:new UdpClient(514)|};")]
    [InlineData("{|TUR005:options.ListenAnyIP(5000)|};")]
    [InlineData("options.Listen(new IPEndPoint({|TUR005:IPAddress.Any|}, 443), o => { });")]
#pragma warning disable CA1416 // QUIC is platform-specific; the analyzer judges the code either way
    [InlineData("var quic = new System.Net.Quic.QuicListenerOptions { ListenEndPoint = new IPEndPoint({|TUR005:IPAddress.IPv6Any|}, 443), ApplicationProtocols = new(), ConnectionOptionsCallback = null! };")]
#pragma warning restore CA1416
    [InlineData("options.Listen({|TUR005:IPAddress.Any|}, 5000);")]
    [InlineData("builder.WebHost.UseUrls({|TUR005:\"http://*:5000\"|});")]
    [InlineData("builder.WebHost.UseUrls(\"http://localhost:5000\", {|TUR005:\"http://+:80\"|});")]
    [InlineData("builder.WebHost.UseUrls({|TUR005:\"https://localhost:5001;http://0.0.0.0:5000\"|});")]
    [InlineData("builder.WebHost.UseUrls({|TUR005:\"http://api.example.com:5000\"|});")]
    [InlineData("builder.WebHost.UseUrls({|TUR005:\"http://[::]:80\"|});")]
    [InlineData("builder.WebHost.UseSetting(\"urls\", {|TUR005:\"http://*:8080\"|});")]
    [InlineData("builder.WebHost.UseSetting(\"http_ports\", {|TUR005:\"8080\"|});")]
    [InlineData("app.Urls.Add({|TUR005:\"http://0.0.0.0:8080\"|});")]
    [InlineData("app.Urls.Add({|TUR005:$\"http://0.0.0.0:{port}\"|});")]
    [InlineData("app.Run({|TUR005:\"http://*:5000\"|});")]
    [InlineData("listener.Prefixes.Add({|TUR005:\"http://+:8080/\"|});")]
    [InlineData("Environment.SetEnvironmentVariable(\"ASPNETCORE_URLS\", {|TUR005:\"http://+:80\"|});")]
    [InlineData("Environment.SetEnvironmentVariable(\"ASPNETCORE_HTTP_PORTS\", {|TUR005:\"8080\"|});")]
    [InlineData("var b = WebApplication.CreateBuilder(new[] { \"--urls\", {|TUR005:\"http://*:5000\"|} });")]
    [InlineData("var b = WebApplication.CreateBuilder(new[] { {|TUR005:\"--urls=http://0.0.0.0:5000\"|} });")]
    public Task Reports_listeners_beyond_loopback(string body) => Check(WithApp(body));

    [Theory]
    [InlineData("var l = new TcpListener(IPAddress.Loopback, 5000); var l6 = new TcpListener(IPAddress.IPv6Loopback, 5000); socket.Bind(new IPEndPoint(IPAddress.Loopback, 0)); var l2 = new TcpListener(IPAddress.Parse(\"127.0.0.1\"), 1); var l3 = new TcpListener(IPAddress.Parse(\"::1\"), 1);")]
    [InlineData("options.ListenLocalhost(5000); options.Listen(IPAddress.Loopback, 5001); options.ListenUnixSocket(\"/tmp/app.sock\"); options.ListenNamedPipe(\"app\");")]
    [InlineData("builder.WebHost.UseUrls(\"http://localhost:5000\", \"https://127.0.0.1:5001\", \"http://[::1]:5002\", \"http://unix:/run/app.sock\");")]
    // Hosts known only at run time are not judged; other settings are not bindings.
    [InlineData("builder.WebHost.UseUrls($\"http://{host}:5000\"); app.Urls.Add(\"http://\" + host + \":80\"); builder.WebHost.UseSetting(\"environment\", \"Production\"); Environment.SetEnvironmentVariable(\"ASPNETCORE_ENVIRONMENT\", \"Production\");")]
    // An endpoint to receive into, and comparisons, are not listeners; clients are not listeners.
    [InlineData("using var udp = new UdpClient(\"time.example.com\", 123); var remote = new IPEndPoint(IPAddress.Any, 0); udp.Receive(ref remote); bool any = remote.Address.Equals(IPAddress.Any); var u = new UdpClient(); var tcp = new TcpClient(\"db.example.com\", 5432);")]
    [InlineData("var args = new[] { \"--environment\", \"Development\" }; var urls = new[] { \"--urls\", \"http://localhost:5000\" }; app.Urls.Add(\"http://127.0.0.1:8080\"); listener.Prefixes.Add(\"http://localhost:8080/\");")]
    public Task Does_not_report_loopback_or_lookalikes(string body) => Check(WithApp(body));

    [Fact]
    public Task App_settings_report_bindings_with_exact_positions()
    {
        const string Path = "/0/appsettings.json";
        const string Text = """
            {
              "urls": "http://localhost:5000;http://*:5001",
              "Kestrel": { "Endpoints": { "Public": { "Url": "http://0.0.0.0:8080" }, "Local": { "Url": "https://localhost:8443" } } },
              "http_ports": "8081",
            }
            """;
        return Verify<PublicListenerAnalyzer>.ConfigFile(
            Path,
            Text,
            ConfigSpan.At("TUR005", Path, Text, "http://*:5001"),
            ConfigSpan.At("TUR005", Path, Text, "http://0.0.0.0:8080"),
            ConfigSpan.At("TUR005", Path, Text, "\"8081\""));
    }

    [Fact]
    public Task Launch_settings_report_bindings_with_exact_positions()
    {
        const string Path = "/0/Properties/launchSettings.json";
        const string Text = """
            {
              "profiles": {
                "Web": { "commandName": "Project", "applicationUrl": "https://localhost:5001;http://0.0.0.0:5000" },
                "Env": { "commandName": "Project", "environmentVariables": { "ASPNETCORE_URLS": "http://+:80", "ASPNETCORE_ENVIRONMENT": "Development" } },
                "Args": { "commandName": "Project", "commandLineArgs": "--urls http://*:7000 --verbose" },
                "Local": { "commandName": "Project", "applicationUrl": "http://localhost:5000" }
              }
            }
            """;
        return Verify<PublicListenerAnalyzer>.ConfigFile(
            Path,
            Text,
            ConfigSpan.At("TUR005", Path, Text, "http://0.0.0.0:5000"),
            ConfigSpan.At("TUR005", Path, Text, "http://+:80"),
            ConfigSpan.At("TUR005", Path, Text, "http://*:7000"));
    }
}
