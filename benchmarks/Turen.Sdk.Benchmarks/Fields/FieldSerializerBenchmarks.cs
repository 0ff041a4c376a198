using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Turen.Sdk.Fields;
using Turen.Sdk.Keys;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Benchmarks.Fields;

/// <summary>
/// One AgentRecord written to JSON and read back, five ways, same data, same run:
/// the generated Turen serializer; hand-written code doing the same crypto (BCL AesGcm, and NSec's AES-256-GCM); ASP.NET Core Data Protection
/// Protect/Unprotect per field (with System.Text.Json source generation for the rest); and System.Text.Json
/// source generation of the unprotected model (the allocation baseline).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SteadyStateConfig))]
public class FieldSerializerBenchmarks
{
    private FieldProtector _protector = null!;
    private AgentRecord _record = null!;
    private PlainAgentRecord _plain = null!;
    private HandWrittenFieldCrypto _handWritten = null!;
    private HandWrittenFieldCrypto _handWrittenNSec = null!;
    private IDataProtector _refreshTokenProtector = null!;
    private IDataProtector _deviceKeyProtector = null!;
    private byte[] _hashKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] orgKey = RandomNumberGenerator.GetBytes(32);
        _protector = FieldProtector.CreateAsync(new FixedOrgKeyProvider().Add("org-a", 1, orgKey), "org-a").AsTask().GetAwaiter().GetResult();
        _record = new AgentRecord
        {
            OrgId = Guid.Parse("6f1c1e0a-8c1d-4b7e-9d7a-0c3f1b2a4d5e"),
            AgentId = "agent-7",
            Hostname = "build-07.example.internal",
            AgentSecret = "as_live_0123456789ABCDEFGHIJKLMNOPQRSTUV0abcde",
            RefreshToken = "rt_4f8b1c2d9e7a6b5c4d3e2f1a0b9c8d7e",
            DeviceKey = RandomNumberGenerator.GetBytes(32),
            RegisteredAt = DateTimeOffset.UnixEpoch,
            Port = 8443,
        };
        _plain = new PlainAgentRecord
        {
            OrgId = _record.OrgId, AgentId = _record.AgentId, Hostname = _record.Hostname, AgentSecret = _record.AgentSecret,
            RefreshToken = _record.RefreshToken, DeviceKey = _record.DeviceKey, RegisteredAt = _record.RegisteredAt, Port = _record.Port,
        };
        _handWritten = new HandWrittenFieldCrypto(orgKey);
        _handWrittenNSec = new HandWrittenFieldCrypto(orgKey, useNSec: true);
        var provider = new EphemeralDataProtectionProvider();
        _refreshTokenProtector = provider.CreateProtector("AgentRecord.RefreshToken");
        _deviceKeyProtector = provider.CreateProtector("AgentRecord.DeviceKey");
        _hashKey = RandomNumberGenerator.GetBytes(32);
    }

    internal AgentRecord Record => _record;

    internal PlainAgentRecord Plain => _plain;

    internal FieldProtector Protector => _protector;

    [GlobalCleanup]
    public void Cleanup() => _protector.Dispose();

    [Benchmark(Baseline = true, Description = "Turen generated")]
    public AgentRecord Turen()
    {
        string json = TurenSerializer.Serialize(_record, _protector);
        return TurenSerializer.Deserialize<AgentRecord>(json, _protector);
    }

    [Benchmark(Description = "Hand-written BCL")]
    public PlainAgentRecord HandWritten() => _handWritten.Deserialize(_handWritten.Serialize(_plain));

    [Benchmark(Description = "Hand-written NSec")]
    public PlainAgentRecord HandWrittenNSec() => _handWrittenNSec.Deserialize(_handWrittenNSec.Serialize(_plain));

    [Benchmark(Description = "Data Protection per field")]
    public PlainAgentRecord DataProtection()
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(_plain.AgentSecret), mac);
        var stored = new ProtectedAgentRecord
        {
            OrgId = _plain.OrgId, AgentId = _plain.AgentId, Hostname = _plain.Hostname, AgentSecret = Convert.ToHexString(mac),
            RefreshToken = _plain.RefreshToken is null ? null : _refreshTokenProtector.Protect(_plain.RefreshToken),
            DeviceKey = _plain.DeviceKey is null ? null : Convert.ToBase64String(_deviceKeyProtector.Protect(_plain.DeviceKey)),
            RegisteredAt = _plain.RegisteredAt, Port = _plain.Port,
        };
        string json = JsonSerializer.Serialize(stored, BenchmarkJsonContext.Default.ProtectedAgentRecord);
        ProtectedAgentRecord read = JsonSerializer.Deserialize(json, BenchmarkJsonContext.Default.ProtectedAgentRecord)!;
        return new PlainAgentRecord
        {
            OrgId = read.OrgId, AgentId = read.AgentId, Hostname = read.Hostname, AgentSecret = read.AgentSecret,
            RefreshToken = read.RefreshToken is null ? null : _refreshTokenProtector.Unprotect(read.RefreshToken),
            DeviceKey = read.DeviceKey is null ? null : _deviceKeyProtector.Unprotect(Convert.FromBase64String(read.DeviceKey)),
            RegisteredAt = read.RegisteredAt, Port = read.Port,
        };
    }

    [Benchmark(Description = "System.Text.Json, unprotected")]
    public PlainAgentRecord SystemTextJson()
    {
        string json = JsonSerializer.Serialize(_plain, BenchmarkJsonContext.Default.PlainAgentRecord);
        return JsonSerializer.Deserialize(json, BenchmarkJsonContext.Default.PlainAgentRecord)!;
    }
}
