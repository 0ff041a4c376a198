#!/usr/bin/env python3
"""Writes a synthetic C# corpus (~100k lines) shaped like service code: DTOs, HTTP clients, TLS set-up, listeners,
configuration lookups, string handling. It is clean under TUR001-TUR005 on purpose, so that the measurement is the cost
of judging code, not of reporting. Usage: generate_corpus.py OUT_DIR [FILES] [CLASSES_PER_FILE]"""
import os
import sys

out = sys.argv[1]
files = int(sys.argv[2]) if len(sys.argv) > 2 else 100
classes = int(sys.argv[3]) if len(sys.argv) > 3 else 12
os.makedirs(out, exist_ok=True)

HEADER = """using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Corpus.Module{f};
"""

CLASS = """
public sealed class Order{f}x{c}
{{
    [JsonPropertyName("id")] public Guid Id {{ get; set; }}
    public string? CustomerName {{ get; set; }}
    public string? PasswordHash {{ get; set; }}
    public string? TokenType {{ get; set; }}
    public string? ApiKeyId {{ get; set; }}
    public decimal Total {{ get; set; }}
    public DateTimeOffset CreatedAt {{ get; set; }}
    public List<string> Tags {{ get; set; }} = new();
    public string? CallbackUrl {{ get; set; }}
}}

public sealed class OrderService{f}x{c}
{{
    private const string BaseUrl = "https://orders{c}.example.com/api/";
    private const string HealthUrl = "http://localhost:{port}/health";
    private readonly HttpClient client;
    private readonly Func<string, string?> config;

    public OrderService{f}x{c}(HttpClient client, Func<string, string?> config)
    {{
        this.client = client;
        this.config = config;
        client.BaseAddress = new Uri(BaseUrl);
    }}

    public async Task<Order{f}x{c}?> LoadAsync(Guid id)
    {{
        string json = await client.GetStringAsync($"{{BaseUrl}}orders/{{id}}");
        var order = JsonSerializer.Deserialize<Order{f}x{c}>(json);
        if (order is null || order.Total < 0)
        {{
            throw new InvalidOperationException("Order " + id + " is invalid");
        }}

        return order;
    }}

    public async Task<bool> IsHealthyAsync()
    {{
        using var response = await client.GetAsync(HealthUrl);
        return response.StatusCode == HttpStatusCode.OK;
    }}

    public string Describe(Order{f}x{c} order)
    {{
        var builder = new StringBuilder();
        builder.Append("Order ").Append(order.Id).Append(" for ").Append(order.CustomerName);
        foreach (string tag in order.Tags.Where(t => t.Length > 0).OrderBy(t => t, StringComparer.Ordinal))
        {{
            builder.Append(", #").Append(tag);
        }}

        switch (order.Total)
        {{
            case > 1000m: builder.Append(" (large)"); break;
            case > 100m: builder.Append(" (medium)"); break;
            default: builder.Append(" (small)"); break;
        }}

        return builder.ToString();
    }}

    public HttpClientHandler CreateHandler()
    {{
        var handler = new HttpClientHandler {{ SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 }};
        handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => errors == SslPolicyErrors.None;
        return handler;
    }}

    public TcpListener Listen(int port) => new TcpListener(IPAddress.Loopback, port);

    public string? ApiKey() => config("Orders:ApiKey");

    public bool Matches(string headerName) => string.Equals(headerName, "X-Api-Key", StringComparison.OrdinalIgnoreCase);

    public int Score(IEnumerable<Order{f}x{c}> orders)
    {{
        int score = 0;
        foreach (var o in orders)
        {{
            score += o.Tags.Count * 3 + (o.Total > 50m ? 7 : 1);
            if (o.CallbackUrl is {{ Length: > 0 }} url && url.StartsWith("https://", StringComparison.Ordinal))
            {{
                score++;
            }}
        }}

        return score;
    }}
}}
"""

lines = 0
for f in range(files):
    text = HEADER.format(f=f) + "".join(CLASS.format(f=f, c=c, port=5000 + c) for c in range(classes))
    with open(os.path.join(out, f"Module{f}.cs"), "w") as handle:
        handle.write(text)
    lines += text.count("\n")
print(f"{files} files, {lines} lines")
