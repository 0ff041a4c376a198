using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Turen.Sdk.Fields;
using Turen.Sdk.Sample.Aot;

// Seals an AgentRecord, opens it again, and shows that a tampered value is refused. Published with NativeAOT.
using var keys = new SampleKeyProvider();
using FieldProtector protector = await keys.CreateFieldProtectorAsync("org-acme", new FieldProtectorOptions { PasswordMemoryKiB = 19 * 1024, PasswordIterations = 2 });

var record = new AgentRecord
{
    OrgId = Guid.Parse("6f1c1e0a-8c1d-4b7e-9d7a-0c3f1b2a4d5e"),
    AgentId = "agent-7",
    Hostname = "build-07.example.internal",
    AgentSecret = "as_live_0123456789ABCDEFGHIJKLMNOPQRSTUV0abcde",
    RefreshToken = "rt_4f8b1c2d9e7a6b5c4d3e2f1a0b9c8d7e",
    DeviceKey = new byte[] { 0xde, 0xad, 0xbe, 0xef },
    RecoveryPassphrase = "correct horse battery staple",
    RegisteredAt = DateTimeOffset.UnixEpoch,
    Labels = new[] { "linux", "x64" },
};

string json = TurenSerializer.Serialize(record, protector);
Console.WriteLine("stored:   " + json);
Console.WriteLine("logged:   " + record);

AgentRecord read = await TurenSerializer.DeserializeAsync<AgentRecord>(json, protector);
bool roundTrip = read.RefreshToken == record.RefreshToken && read.DeviceKey.AsSpan().SequenceEqual(record.DeviceKey)
    && AgentRecord.HashedFields.AgentSecret.Verify(protector, read.AgentSecret, record.AgentSecret)
    && AgentRecord.HashedFields.RecoveryPassphrase.Verify(protector, read.RecoveryPassphrase, "correct horse battery staple");
Console.WriteLine(roundTrip ? "round-trip: ok (encrypted members opened, hashes verified)" : "round-trip: FAILED");

// Move the refresh token into another agent's record: the ciphertext is bound to AgentId, so it must not open.
JsonObject tampered = JsonNode.Parse(json)!.AsObject();
tampered["AgentId"] = "agent-8";
try
{
    await TurenSerializer.DeserializeAsync<AgentRecord>(tampered.ToJsonString(), protector);
    Console.WriteLine("tampered: ACCEPTED (this is a bug)");
    return 1;
}
catch (FieldIntegrityException ex)
{
    Console.WriteLine("tampered: refused (" + ex.MemberName + ")");
}

return roundTrip ? 0 : 1;
