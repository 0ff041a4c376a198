using System.Collections.Generic;

namespace Turen.Sdk.Packaging.Tests;

/// <summary>Consumer sources: one violation per rule, and the same code written safely.</summary>
internal static class Samples
{
    // Secret-shaped values used by the violating sample; the SARIF must never contain them.
    public const string ApiKeyValue = "9f86d081884c7d659a2feaa0c55ad015";
    public const string ConfigPassword = "hunter2-but-much-longer";

    public static Dictionary<string, string> Violations() => new()
    {
        ["Tur001.cs"] = """
            namespace Consumer;
            [System.Serializable]
            public sealed class Account { public string? Password { get; set; } }
            """,
        ["Tur002.cs"] = $$"""
            namespace Consumer;
            public static class Keys { public static string Get() { string apiKey = "{{ApiKeyValue}}"; return apiKey; } }
            """,
        ["Tur003.cs"] = """
            namespace Consumer;
            public static class Clients { public static System.Net.Http.HttpClient Create() => new() { BaseAddress = new System.Uri("http://api.example.com/") }; }
            """,
        ["Tur004.cs"] = """
            namespace Consumer;
            public static class Tls { public static void Configure(System.Net.Http.HttpClientHandler handler) => handler.SslProtocols = System.Security.Authentication.SslProtocols.Tls11; }
            """,
        ["Tur005.cs"] = """
            namespace Consumer;
            public static class Listeners { public static System.Net.Sockets.TcpListener Open() => new(System.Net.IPAddress.Any, 5000); }
            """,
        ["appsettings.json"] = $$"""
            {
              "urls": "http://*:5000",
              "Smtp": { "Password": "{{ConfigPassword}}" }
            }
            """,
    };

    public static Dictionary<string, string> Clean() => new()
    {
        ["Safe.cs"] = """
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Net.Sockets;
            using System.Security.Authentication;
            using System.Text.Json.Serialization;

            namespace Consumer;

            public sealed class Account
            {
                [JsonPropertyName("name")] public string? Name { get; set; }
                public string? PasswordHash { get; set; }
                public string? TokenType { get; set; }
            }

            public static class Safe
            {
                public const string ApiKeyHeaderName = "X-Api-Key";

                public static HttpClient Create(HttpClientHandler handler, Func<string, string?> config)
                {
                    handler.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                    var client = new HttpClient(handler) { BaseAddress = new Uri("https://api.example.com/") };
                    client.DefaultRequestHeaders.Add(ApiKeyHeaderName, config("Turen:ApiKey") ?? string.Empty);
                    return client;
                }

                public static TcpListener Listen() => new(IPAddress.Loopback, 5000);

                public static Uri Local() => new Uri("http://localhost:5000/health");
            }
            """,
        ["appsettings.json"] = """
            {
              // comments are fine
              "urls": "http://localhost:5000",
              "Turen": { "ApiKey": "" },
              "Services": { "Billing": { "BaseUrl": "https://billing.example.com" } },
            }
            """,
        ["Properties/launchSettings.json"] = """
            { "profiles": { "Consumer": { "commandName": "Project", "applicationUrl": "https://localhost:5001;http://localhost:5000" } } }
            """,
    };
}
