using System;
using System.Net;

namespace Turen.Sdk.Analyzers.Text;

/// <summary>
/// Extracts the host of a URL-shaped string and classifies it. Hosts are parsed, never prefix-matched:
/// "localhost.evil.example" is a DNS name, "127.0.0.1.nip.io" is a DNS name, and only a strict dotted quad is an IPv4 address.
/// </summary>
internal readonly struct UrlHost
{
    private static readonly char[] TemplateCharacters = { '{', '}', '$', '%', '<', '>', '(', ')' };

    private UrlHost(string scheme, string host, int hostStart)
    {
        Scheme = scheme;
        Host = host;
        HostStart = hostStart;
    }

    /// <summary>Lower-case scheme without "://".</summary>
    public string Scheme { get; }

    /// <summary>Lower-case host as written (IPv6 keeps its brackets); a trailing dot is removed.</summary>
    public string Host { get; }

    /// <summary>Index of the host in the parsed text.</summary>
    public int HostStart { get; }

    /// <summary>
    /// Parses "scheme://[userinfo@]host[:port][/...]" at <paramref name="start"/>. When <paramref name="complete"/> is false the
    /// text is only the constant prefix of a longer string, and the host counts only if something ends it (port, path, query).
    /// </summary>
    public static bool TryParse(string text, int start, bool complete, out UrlHost result)
    {
        result = default;
        int sep = text.IndexOf("://", start, StringComparison.Ordinal);
        if (sep <= start)
        {
            return false;
        }

        string scheme = text.Substring(start, sep - start).ToLowerInvariant();
        foreach (char c in scheme)
        {
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        int authorityStart = sep + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < text.Length && text[authorityEnd] != '/' && text[authorityEnd] != '?' && text[authorityEnd] != '#' &&
               text[authorityEnd] != ';' && text[authorityEnd] != ',' && !char.IsWhiteSpace(text[authorityEnd]))
        {
            authorityEnd++;
        }

        bool terminated = authorityEnd < text.Length || complete;
        int hostStart = authorityStart;
        for (int i = authorityEnd - 1; i >= authorityStart; i--)
        {
            if (text[i] == '@')
            {
                hostStart = i + 1;
                break;
            }
        }

        int hostEnd;
        if (hostStart < authorityEnd && text[hostStart] == '[')
        {
            int close = text.IndexOf(']', hostStart);
            if (close < 0 || close >= authorityEnd)
            {
                return false;
            }

            hostEnd = close + 1;
        }
        else
        {
            hostEnd = hostStart;
            while (hostEnd < authorityEnd && text[hostEnd] != ':')
            {
                hostEnd++;
            }

            // "http://api." + region: without a port or path after it the host is still open.
            if (hostEnd == authorityEnd && !terminated)
            {
                return false;
            }
        }

        if (hostEnd == hostStart)
        {
            return false;
        }

        string host = text.Substring(hostStart, hostEnd - hostStart).ToLowerInvariant();
        if (host.IndexOfAny(TemplateCharacters) >= 0)
        {
            return false;
        }

        if (host.EndsWith(".", StringComparison.Ordinal))
        {
            host = host.Substring(0, host.Length - 1);
        }

        result = new UrlHost(scheme, host, hostStart);
        return host.Length > 0;
    }

    /// <summary>localhost, *.localhost, 127.0.0.0/8 or [::1].</summary>
    public static bool IsLoopback(string host) =>
        host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || IsLoopbackAddress(host);

    /// <summary>127.0.0.0/8 or the IPv6 loopback in brackets.</summary>
    public static bool IsLoopbackAddress(string host)
    {
        if (TryParseDottedQuad(host, out byte first))
        {
            return first == 127;
        }

        return host.Length > 2 && host[0] == '[' && host[host.Length - 1] == ']' &&
               IPAddress.TryParse(host.Substring(1, host.Length - 2), out IPAddress? address) && IPAddress.IsLoopback(address!);
    }

    /// <summary>Hosts that mean "every interface" when a server binds: *, +, 0.0.0.0, [::].</summary>
    public static bool IsWildcard(string host) =>
        host == "*" || host == "+" || host == "0.0.0.0" || host == "[::]" || host == "[0:0:0:0:0:0:0:0]";

    /// <summary>Strict a.b.c.d with four decimal parts of 0-255; "127.1" and "2130706433" are not accepted.</summary>
    public static bool TryParseDottedQuad(string host, out byte first)
    {
        first = 0;
        string[] parts = host.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        for (int i = 0; i < 4; i++)
        {
            string p = parts[i];
            if (p.Length == 0 || p.Length > 3)
            {
                return false;
            }

            int value = 0;
            foreach (char c in p)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            if (value > 255)
            {
                return false;
            }

            if (i == 0)
            {
                first = (byte)value;
            }
        }

        return true;
    }

    /// <summary>Hosts that name XML namespaces and schemas, not servers: a URL there is an identifier.</summary>
    public static bool IsIdentifierHost(string host) =>
        host == "www.w3.org" || host == "w3.org" || host == "schemas.xmlsoap.org" || host == "schemas.microsoft.com" ||
        host == "json-schema.org" || host == "purl.org" || host == "xmlns.com" || host == "schemas.openxmlformats.org" ||
        host == "docs.oasis-open.org" || host == "schemas.datacontract.org" || host == "tempuri.org" || host == "ns.adobe.com" ||
        host == "www.openarchives.org" || host == "schemas.android.com";
}
