using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Turen.Sdk.Transport.Tests;

public sealed class LoopbackListenerTests
{
    [Fact]
    public async Task Binds_127_0_0_1_and_the_bound_socket_is_loopback()
    {
        using TcpListener listener = LoopbackListener.Start(IPAddress.Loopback, 0);
        var bound = Assert.IsType<IPEndPoint>(listener.LocalEndpoint);
        Assert.Equal(IPAddress.Loopback, bound.Address);
        Assert.NotEqual(0, bound.Port);

        using var client = new TcpClient(AddressFamily.InterNetwork);
        Task<TcpClient> accepted = listener.AcceptTcpClientAsync();
        await client.ConnectAsync(IPAddress.Loopback, bound.Port);
        using TcpClient server = await accepted;
        Assert.Equal(IPAddress.Loopback, ((IPEndPoint)server.Client.LocalEndPoint!).Address);
    }

    [Fact]
    public void Binds_ipv6_loopback_where_the_machine_has_it()
    {
        if (!Socket.OSSupportsIPv6 || !HasIpv6Loopback())
        {
            Assert.Throws<TransportGuardException>(() => LoopbackListener.Start(IPAddress.IPv6Any, 0));
            return;
        }

        using TcpListener listener = LoopbackListener.Start(IPAddress.IPv6Loopback, 0);
        Assert.Equal(IPAddress.IPv6Loopback, ((IPEndPoint)listener.LocalEndpoint).Address);
    }

    [Fact]
    public void An_ipv4_mapped_loopback_binds_plain_127_0_0_1()
    {
        using TcpListener listener = LoopbackListener.Start(IPAddress.Loopback.MapToIPv6(), 0);
        Assert.Equal(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Address);
    }

    public static IEnumerable<object[]> WideAddresses() => new[]
    {
        new object[] { IPAddress.Any },
        new object[] { IPAddress.IPv6Any },
        new object[] { IPAddress.Parse("10.1.2.3") },
        new object[] { IPAddress.Parse("192.168.1.20") },
        new object[] { IPAddress.Parse("127.0.0.2") },
        new object[] { IPAddress.Parse("::ffff:0.0.0.0") },
        new object[] { IPAddress.Parse("fe80::1%1") },
        new object[] { IPAddress.Broadcast },
    };

    [Theory]
    [MemberData(nameof(WideAddresses))]
    public void Refuses_every_other_address_before_binding(IPAddress address)
    {
        var ex = Assert.Throws<TransportGuardException>(() => LoopbackListener.Start(address, 0));
        Assert.Equal(TransportGuardViolation.NonLoopbackListener, ex.Violation);
        Assert.Contains("127.0.0.1 and ::1 only", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("[::]")]
    [InlineData("::")]
    [InlineData("10.0.0.1")]
    public void Refuses_wide_literals_by_text(string host) =>
        Assert.Throws<TransportGuardException>(() => LoopbackListener.ResolveEndpoints(host, 8787));

    [Fact]
    public void Refuses_a_name_that_resolves_elsewhere_even_partly_and_binds_nothing()
    {
        int port = FreePort();
        IPAddress[] Resolve(string name) => name == "proxy.local" ? new[] { IPAddress.Loopback, IPAddress.Parse("10.1.2.3") } : Array.Empty<IPAddress>();

        var ex = Assert.Throws<TransportGuardException>(() => LoopbackListener.Start("proxy.local", port, 16, Resolve));
        Assert.Equal(TransportGuardViolation.NonLoopbackListener, ex.Violation);
        Assert.Contains("10.1.2.3", ex.Message, StringComparison.Ordinal);

        // Nothing was bound on the loopback half either: the port is still free.
        using TcpListener probe = LoopbackListener.Start(IPAddress.Loopback, port);
        Assert.Equal(port, ((IPEndPoint)probe.LocalEndpoint).Port);
    }

    [Fact]
    public void Refuses_a_name_that_resolves_to_nothing() =>
        Assert.Throws<TransportGuardException>(() => LoopbackListener.ResolveEndpoints("nowhere.local", 8787, _ => Array.Empty<IPAddress>()));

    [Fact]
    public void A_name_that_resolves_to_loopback_only_gives_one_endpoint_per_address()
    {
        IReadOnlyList<IPEndPoint> endpoints = LoopbackListener.ResolveEndpoints(
            "proxy.local", 8787, _ => new[] { IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Loopback.MapToIPv6() });
        Assert.Equal(new[] { "127.0.0.1:8787", "[::1]:8787" }, endpoints.Select(e => e.ToString()));
    }

    [Fact]
    public void Localhost_resolves_to_loopback_on_this_machine()
    {
        IReadOnlyList<IPEndPoint> endpoints = LoopbackListener.ResolveEndpoints("localhost", 8787);
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.True(e.Address.Equals(IPAddress.Loopback) || e.Address.Equals(IPAddress.IPv6Loopback)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Refuses_bad_ports(int port) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LoopbackListener.ResolveEndpoints("127.0.0.1", port));

    [Fact]
    public async Task Kestrel_on_the_resolved_endpoints_listens_on_loopback_only()
    {
        await using TestServer server = await TestServer.StartAsync(certificate: null);
        Assert.NotEmpty(server.Addresses);
        Assert.All(server.Addresses, a => Assert.Equal("127.0.0.1", a.Host));
    }

    private static int FreePort()
    {
        using TcpListener listener = LoopbackListener.Start(IPAddress.Loopback, 0);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool HasIpv6Loopback()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
