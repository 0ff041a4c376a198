namespace Turen.Sdk.Analyzers.Tests.Robustness;

/// <summary>Realistic sources touching every rule; cut and damaged by the robustness tests.</summary>
internal static class Corpus
{
    public const string Program = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Net.Security;
        using System.Net.Sockets;
        using System.Security.Authentication;
        using System.Security.Cryptography;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;

        namespace Shop;

        [Serializable]
        public sealed class Account
        {
            [Turen.Sdk.Annotations.Encrypted] public string? RefreshToken { get; set; }
            public string? Password { get; set; }
            public string? PasswordHash { get; set; }
            public byte[]? PrivateKey;
        }

        public static class Endpoints
        {
            public const string Host = "billing.example.com";
            public const string BillingUrl = "http://" + Host + "/v2";
            public static readonly Uri Schema = new Uri("http://www.w3.org/2001/XMLSchema");
        }

        public static class Startup
        {
            public static async System.Threading.Tasks.Task Run(string[] args, HttpClient client, HttpClientHandler handler, SslStream stream)
            {
                var builder = WebApplication.CreateBuilder(new[] { "--urls", "http://*:5000" });
                builder.WebHost.UseUrls("http://0.0.0.0:8080", $"http://localhost:{args.Length}");
                builder.WebHost.ConfigureKestrel(k => { k.ListenAnyIP(5001); k.Listen(IPAddress.Any, 5002); });
                var app = builder.Build();
                app.Urls.Add("http://+:80");
                handler.SslProtocols = SslProtocols.Tls11 | SslProtocols.Tls12;
                handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => { Console.WriteLine(e); return true; };
                ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;
                var body = await client.GetStringAsync($"http://api.example.com/users/{args.Length}");
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.abc");
                using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("my-signing-key-123"));
                var credential = new NetworkCredential("svc", "S3cr3t!2024");
                var listener = new TcpListener(new IPEndPoint(IPAddress.IPv6Any, 9000));
                var cs = "Host=db;Username=app;Password=pg-pass-1";
                var aws = "AKIA2E0A8F3B244C9986";
                string password = "hunter2";
                if (password == "letmein") { Console.WriteLine(JsonSerializer.Serialize<Account>(new Account())); }
                Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://+:80");
                await app.RunAsync("http://*:5003");
            }
        }
        """;

    public const string Attributes = """
        namespace Turen.Sdk.Annotations
        {
            public sealed class EncryptedAttribute : System.Attribute { }
            public sealed class HashedAttribute : System.Attribute { }
            public sealed class EncryptionContextAttribute : System.Attribute { }
        }
        """;

    public const string AppSettings = """
        {
          // comment
          "urls": "http://localhost:5000;http://*:5001",
          "Kestrel": { "Endpoints": { "Http": { "Url": "http://0.0.0.0:8080" } }, "EndpointDefaults": { "SslProtocols": [ "Tls11" ] } },
          "Services": { "Billing": { "BaseUrl": "http://billing.example.com/api" } },
          "Smtp": { "Password": "hunter2-but-longer", "Escaped": "a\"b\\c\u0041" },
          "ConnectionStrings": { "Db": "Host=db;Username=app;Password=pg-pass-1" },
        }
        """;

    public const string LaunchSettings = """
        {
          "profiles": {
            "Web": { "applicationUrl": "https://localhost:5001;http://0.0.0.0:5000", "environmentVariables": { "ASPNETCORE_URLS": "http://+:80", "API_KEY": "abc123def" } },
            "Args": { "commandLineArgs": "--urls http://*:7000" }
          }
        }
        """;
}
