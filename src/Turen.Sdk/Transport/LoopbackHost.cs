using System;
using System.Net;
using System.Net.Sockets;

namespace Turen.Sdk.Transport;

/// <summary>Decides "is this loopback" from parsed addresses, never from string prefixes (<c>127.0.0.1.evil.example</c> is not).</summary>
internal static class LoopbackHost
{
    /// <summary>
    /// True when the URI's host is a loopback IP literal (127.0.0.0/8, ::1, IPv4-mapped 127/8) or exactly the name
    /// <c>localhost</c>. A name is only a claim: the connection step checks what it resolved to.
    /// </summary>
    public static bool IsLoopback(Uri uri)
    {
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out IPAddress? address) && IsLoopback(address);
        }

        return uri.HostNameType == UriHostNameType.Dns && string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True for any loopback address, including IPv4-mapped IPv6 (::ffff:127.0.0.1).</summary>
    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>True only for exactly 127.0.0.1 or ::1 (or ::ffff:127.0.0.1): the addresses a local listener may bind.</summary>
    public static bool IsListenerAddress(IPAddress address)
    {
        IPAddress plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return plain.AddressFamily switch
        {
            AddressFamily.InterNetwork => plain.Equals(IPAddress.Loopback),
            AddressFamily.InterNetworkV6 => plain.Equals(IPAddress.IPv6Loopback) && plain.ScopeId == 0,
            _ => false,
        };
    }
}
