namespace Turen.Sdk.Generators.Tests.Infrastructure;

/// <summary>Source texts the unit tests feed the generator.</summary>
internal static class Sources
{
    public const string AgentRecord = """
        using System;
        using Turen.Sdk.Annotations;

        namespace Contoso.Agents;

        public sealed partial record AgentRecord
        {
            [EncryptionContext] public required Guid OrgId { get; init; }
            [EncryptionContext] public required string AgentId { get; init; }
            public required string Hostname { get; init; }
            [Hashed] public required string AgentSecret { get; init; }
            [Encrypted] public string? RefreshToken { get; init; }
            [Encrypted] public byte[]? DeviceKey { get; init; }
            [Hashed(HashKind.Password)] public string? RecoveryPassphrase { get; init; }
        }
        """;

    public const string Collections = """
        using System;
        using System.Collections.Generic;
        using Turen.Sdk.Annotations;

        namespace Contoso.Inventory;

        public enum Status { Active, Retired }

        public static partial class Catalog
        {
            public partial class Machine
            {
                [EncryptionContext] public long Id { get; set; }
                [EncryptionContext] public Status Status { get; set; }
                public DateOnly? Commissioned { get; set; }
                public List<Disk> Disks { get; set; } = new();
                public TimeSpan[]? Windows { get; set; }
                public Disk? Boot { get; set; }
            }
        }

        public partial record struct Disk
        {
            public int SizeGb { get; init; }
            [Encrypted] public string? RecoveryKey { get; init; }
        }
        """;

    /// <summary>A type found through [Hashed] (its first annotated member), and one with a TUR101 error.</summary>
    public const string HashedFirstAndInvalid = """
        using Turen.Sdk.Annotations;

        namespace Contoso.Auth;

        public sealed partial record Credential
        {
            [Hashed] public string? ApiKey { get; init; }
            [Encrypted] public string? Note { get; init; }
        }

        public sealed partial record Invalid
        {
            [Encrypted] public object? Anything { get; init; }
        }
        """;

    public const string Unrelated = """
        namespace Contoso.Other;

        public sealed class Unrelated
        {
            public int Value { get; set; }
        }
        """;
}
