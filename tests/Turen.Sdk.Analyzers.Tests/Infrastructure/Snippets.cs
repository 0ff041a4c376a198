using Turen.Sdk.Shared;

namespace Turen.Sdk.Analyzers.Tests.Infrastructure;

/// <summary>Wraps statement and member snippets into compilable sources, and builds well-formed tokens.</summary>
internal static class Snippets
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Net.Security;
        using System.Net.Sockets;
        using System.Net.WebSockets;
        using System.Security.Authentication;
        using System.Security.Cryptography;
        using System.Security.Cryptography.X509Certificates;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using System.Xml.Linq;
        using System.Xml.Serialization;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;

        """;

    /// <summary>A method body with common parameters in scope: client, handler, stream, socket, configuration, logger, host, id, port.</summary>
    public static string InMethod(string body) => Usings + $$"""
        public partial class Sample
        {
            public async Task Run(HttpClient client, HttpClientHandler handler, SslStream stream, Socket socket,
                IConfiguration configuration, ILogger logger, string host, int id, int port, string password, string region)
            {
                await Task.Yield();
                {{body}}
            }
        }
        """;

    /// <summary>Members of a class.</summary>
    public static string InClass(string members) => Usings + $$"""
        public partial class Sample
        {
            {{members}}
        }
        """;

    /// <summary>A token of the Turen scheme with a correct checksum.</summary>
    public static string Token(string prefix, char fill = 'a')
    {
        string body = prefix + new string(fill, SecretTokenFormat.BodyLength - 4) + "Q7x9";
        return body + SecretTokenFormat.Checksum(body, body.Length);
    }

    /// <summary>A token of the scheme whose checksum is wrong.</summary>
    public static string TokenWithBadChecksum(string prefix)
    {
        string good = Token(prefix);
        char last = good[good.Length - 1] == 'A' ? 'B' : 'A';
        return good.Substring(0, good.Length - 1) + last;
    }
}
