using System;
using System.Net;

namespace Turen.Sdk.Transport.Tests;

/// <summary>"Is this loopback" is decided on parsed hosts and addresses, never on string prefixes.</summary>
public sealed class LoopbackHostTests
{
    [Theory]
    [InlineData("http://127.0.0.1/", true)]
    [InlineData("http://127.5.6.7:8080/", true)]
    [InlineData("http://[::1]:8787/", true)]
    [InlineData("http://[::ffff:127.0.0.1]/", true)]
    [InlineData("http://localhost/", true)]
    [InlineData("http://LOCALHOST:1/", true)]
    [InlineData("http://localhost./", false)]
    [InlineData("http://127.0.0.1.nip.io/", false)]
    [InlineData("http://localhost.evil.example/", false)]
    [InlineData("http://evil-localhost/", false)]
    [InlineData("http://0.0.0.0/", false)]
    [InlineData("http://[::]/", false)]
    [InlineData("http://10.0.0.1/", false)]
    [InlineData("http://2130706433/", true)] // 127.0.0.1 as one decimal number: Uri parses it as the address
    [InlineData("http://0x7f000001/", true)]
    [InlineData("http://127.0.0.1@evil.example/", false)] // user info, not the host
    public void Uri_hosts(string url, bool expected) => Assert.Equal(expected, LoopbackHost.IsLoopback(new Uri(url)));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    public void Listener_addresses(string address, bool expected) =>
        Assert.Equal(expected, LoopbackHost.IsListenerAddress(IPAddress.Parse(address)));
}
