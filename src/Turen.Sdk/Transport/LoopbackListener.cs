using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Turen.Sdk.Transport;

/// <summary>
/// Binds the local proxy's listeners to 127.0.0.1 and/or ::1 only. Any other address, or a host name that resolves to
/// any other address, is refused before a socket is bound; after binding, the socket's actual address is checked again.
/// </summary>
/// <example>
/// <code>
/// // Kestrel: listen on exactly the endpoints the guard allows.
/// foreach (IPEndPoint endpoint in LoopbackListener.ResolveEndpoints("localhost", 8787)) { kestrel.Listen(endpoint); }
/// // Raw sockets:
/// using TcpListener listener = LoopbackListener.Start(IPAddress.Loopback, 0);
/// </code>
/// </example>
public static class LoopbackListener
{
    /// <summary>
    /// The endpoints to bind for <paramref name="host"/>: an IP literal (127.0.0.1, ::1) or a name whose every resolved
    /// address is one of those.
    /// </summary>
    /// <exception cref="TransportGuardException">The host is, or resolves to, another address (<see cref="TransportGuardViolation.NonLoopbackListener"/>).</exception>
    public static IReadOnlyList<IPEndPoint> ResolveEndpoints(string host, int port) => ResolveEndpoints(host, port, Dns.GetHostAddresses);

    /// <summary>Starts a listener on <paramref name="address"/> after checking it; the bound address is checked again.</summary>
    /// <exception cref="TransportGuardException">The address is not 127.0.0.1 or ::1.</exception>
    public static TcpListener Start(IPAddress address, int port, int backlog = 512)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Start(new IPEndPoint(address, port), backlog);
    }

    /// <summary>Starts one listener per endpoint of <see cref="ResolveEndpoints(string, int)"/>.</summary>
    public static IReadOnlyList<TcpListener> Start(string host, int port, int backlog = 512) => Start(host, port, backlog, Dns.GetHostAddresses);

    internal static IReadOnlyList<TcpListener> Start(string host, int port, int backlog, Func<string, IPAddress[]> resolve)
    {
        var listeners = new List<TcpListener>();
        try
        {
            foreach (IPEndPoint endpoint in ResolveEndpoints(host, port, resolve))
            {
                listeners.Add(Start(endpoint, backlog));
            }

            return listeners;
        }
        catch
        {
            foreach (TcpListener listener in listeners)
            {
                listener.Dispose();
            }

            throw;
        }
    }

    internal static IReadOnlyList<IPEndPoint> ResolveEndpoints(string host, int port, Func<string, IPAddress[]> resolve)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, IPEndPoint.MinPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        string trimmed = host.Trim();
        IPAddress[] addresses = IPAddress.TryParse(trimmed.Trim('[', ']'), out IPAddress? literal)
            ? new[] { literal }
            : resolve(trimmed);
        if (addresses.Length == 0)
        {
            throw new TransportGuardException(TransportGuardViolation.NonLoopbackListener, $"The listener host '{trimmed}' resolves to no address.");
        }

        var endpoints = new List<IPEndPoint>();
        foreach (IPAddress address in addresses)
        {
            CheckAddress(address, trimmed);
            IPAddress plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            if (!endpoints.Exists(e => e.Address.Equals(plain)))
            {
                endpoints.Add(new IPEndPoint(plain, port));
            }
        }

        return endpoints;
    }

    private static TcpListener Start(IPEndPoint endpoint, int backlog)
    {
        CheckAddress(endpoint.Address, endpoint.Address.ToString());
        var listener = new TcpListener(endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // Exclusive use, so that no other socket can bind the same port on a wider address and take the traffic.
                listener.ExclusiveAddressUse = true;
            }

            listener.Start(backlog);
            if (listener.LocalEndpoint is not IPEndPoint bound || !LoopbackHost.IsListenerAddress(bound.Address))
            {
                throw new TransportGuardException(TransportGuardViolation.NonLoopbackListener, $"The listener bound to {listener.LocalEndpoint}, which is not loopback; closed it.");
            }

            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private static void CheckAddress(IPAddress address, string requested)
    {
        if (!LoopbackHost.IsListenerAddress(address))
        {
            throw new TransportGuardException(
                TransportGuardViolation.NonLoopbackListener,
                $"Refused to listen on {address} (from '{requested}'): the local proxy binds 127.0.0.1 and ::1 only.");
        }
    }
}
