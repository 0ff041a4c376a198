using System.Threading.Tasks;
using Turen.Sdk.Analyzers.Rules;
using Turen.Sdk.Analyzers.Tests.Infrastructure;

namespace Turen.Sdk.Analyzers.Tests.Rules;

public class CleartextHttpAnalyzerTests
{
    private static Task Check(string source, string? editorConfig = null) =>
        Verify<CleartextHttpAnalyzer>.Analyzer(new[] { source, Stubs.Grpc, Stubs.SignalR }, editorConfig);

    [Theory]
    [InlineData("var response = await client.GetAsync({|TUR003:\"http://api.example.com/v1/orders\"|});")]
    [InlineData("var http = new HttpClient { BaseAddress = new Uri({|TUR003:\"http://payments.example.com/\"|}) };")]
    [InlineData("client.BaseAddress = new Uri({|TUR003:\"HTTP://Payments.Example.com\"|});")]
    [InlineData("var body = await client.GetStringAsync({|TUR003:$\"http://api.example.com/users/{id}\"|});")]
    [InlineData("await client.PostAsync({|TUR003:\"http://api.example.com:8080\" + \"/v1/\" + id|}, null);")]
    [InlineData("using var request = new HttpRequestMessage(HttpMethod.Get, {|TUR003:\"http://10.0.0.5/health\"|});")]
    [InlineData("var ws = new ClientWebSocket(); await ws.ConnectAsync(new Uri({|TUR003:\"ws://chat.example.com/socket\"|}), default);")]
    [InlineData("var request = WebRequest.Create({|TUR003:\"http://legacy.example.com/soap\"|});")]
    [InlineData("var channel = Grpc.Net.Client.GrpcChannel.ForAddress({|TUR003:\"http://grpc.example.com:5000\"|});")]
    [InlineData("var hub = Microsoft.AspNetCore.SignalR.Client.HubConnectionBuilderHttpExtensions.WithUrl(new Microsoft.AspNetCore.SignalR.Client.HubConnectionBuilder(), {|TUR003:\"http://hub.example.com/chat\"|});")]
    [InlineData("var builder = new UriBuilder({|TUR003:\"http\"|}, \"files.example.com\");")]
    // Parsed, never prefix-matched.
    [InlineData("await client.GetAsync({|TUR003:\"http://localhost.evil.example/steal\"|});")]
    [InlineData("await client.GetAsync({|TUR003:\"http://127.0.0.1.nip.io/\"|});")]
    [InlineData("await client.GetAsync({|TUR003:\"http://192.168.1.20:8080/\"|});")]
    [InlineData("await client.GetAsync({|TUR003:\"http://user:pass@localhost@evil.example/\"|});")]
    // Stored under address-like names.
    [InlineData("var serviceUrl = {|TUR003:\"http://billing.example.com\"|};")]
    [InlineData("string webhookEndpoint = {|TUR003:\"http://hooks.example.com/in\"|};")]
    [InlineData("Uri target = new Uri({|TUR003:\"http://files.example.com\"|});")]
    public Task Reports_cleartext_to_remote_hosts(string body) => Check(Snippets.InMethod(body));

    [Fact]
    public Task Reports_members_and_constants_across_files() =>
        Verify<CleartextHttpAnalyzer>.Analyzer(
            "public static class Hosts { public const string Billing = \"billing.example.com\"; }",
            """
            public class Options
            {
                public const string ApiBaseUrl = {|TUR003:"http://" + Hosts.Billing + "/v2"|};
                public string ReportHost { get; set; } = {|TUR003:$"http://{Hosts.Billing}"|};
                private static readonly string AuthUri = {|TUR003:"http://auth.example.com"|};
            }
            """);

    [Theory]
    // Loopback, parsed.
    [InlineData("await client.GetAsync(\"http://localhost:5000/health\"); await client.GetAsync(\"http://127.0.0.1/\"); await client.GetAsync(\"http://127.10.20.30:81/\"); await client.GetAsync(\"http://[::1]:8080/\"); await client.GetAsync(\"http://api.localhost/\");")]
    [InlineData("await client.GetAsync(\"https://api.example.com/v1\"); var ws = new Uri(\"wss://chat.example.com\"); var serviceUrl = \"https://billing.example.com\";")]
    // XML namespaces and schema identifiers.
    [InlineData("XNamespace atom = \"http://www.w3.org/2005/Atom\"; var doc = new XElement(atom + \"feed\"); const string SchemaUri = \"http://json-schema.org/draft-07/schema#\"; string xmlnsUri = \"http://example.com/ns\";")]
    // Comparisons, messages, logging, inspection.
    [InlineData("if (host == \"http://example.com\") { } logger.LogInformation(\"Moved to http://example.com/new\"); Console.WriteLine(\"http://example.com\"); var h = new Uri(\"http://example.com/x\").Host; bool same = new Uri(\"http://a.example\").Equals(null);")]
    // A host known only at run time is never judged.
    [InlineData("await client.GetAsync($\"http://{host}/api\"); await client.GetAsync(\"http://\" + host + \"/api\"); await client.GetAsync(\"http://api.\" + region + \".example.com/\"); var serviceUrl = $\"http://{host}:{port}\";")]
    // Binding wildcards belong to TUR005; names that are not addresses.
    [InlineData("var serviceUrl = \"http://*:5000\"; var description = \"http://example.com\"; var hostName = \"example.com\";")]
    public Task Does_not_report_lookalikes(string body) => Check(Snippets.InMethod(body));

    [Fact]
    public Task Attribute_arguments_and_doc_comments_are_not_uses() =>
        Check(Snippets.Usings + """
            /// <summary>See http://example.com/docs for the schema.</summary>
            [XmlRoot("order", Namespace = "http://example.com/schemas/order")]
            public class Order { [XmlElement(Namespace = "http://example.com/schemas/order")] public string? Id { get; set; } }
            """);

    [Fact]
    public Task Allowed_hosts_come_from_editorconfig() =>
        Check(
            Snippets.InMethod("await client.GetAsync(\"http://legacy.internal.example/\"); await client.GetAsync(\"http://api.svc.cluster.local/\"); await client.GetAsync({|TUR003:\"http://other.example/\"|});"),
            "root = true\n[*.cs]\nturen_analyzers.tur003.allowed_hosts = legacy.internal.example, *.svc.cluster.local\n");

    [Fact]
    public Task Config_files_report_cleartext_addresses()
    {
        const string Path = "/0/appsettings.json";
        const string Text = """
            {
              "Services": {
                "Billing": { "BaseUrl": "http://billing.example.com/api", "Timeout": 30 },
                "Local": { "BaseUrl": "http://localhost:5005" },
                "Secure": { "Endpoint": "https://secure.example.com" },
                "Docs": { "Description": "http://example.com" }
              },
              "Kestrel": { "Endpoints": { "Http": { "Url": "http://0.0.0.0:5000" } } },
              /* trailing comma */
            }
            """;
        return Verify<CleartextHttpAnalyzer>.ConfigFile(Path, Text, ConfigSpan.At("TUR003", Path, Text, "http://billing.example.com/api"));
    }

    [Fact]
    public Task Allowed_hosts_apply_to_config_files_through_a_matching_section()
    {
        var test = new TurenAnalyzerTest<CleartextHttpAnalyzer>();
        test.TestState.Sources.Add("class Program { }");
        test.TestState.AdditionalFiles.Add(("/0/appsettings.json", "{ \"Legacy\": { \"BaseUrl\": \"http://legacy.internal.example/\" } }"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.{cs,json}]\nturen_analyzers.tur003.allowed_hosts = legacy.internal.example\n"));
        return test.RunAsync();
    }
}
