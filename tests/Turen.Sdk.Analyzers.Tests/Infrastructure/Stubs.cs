namespace Turen.Sdk.Analyzers.Tests.Infrastructure;

/// <summary>Declarations of third-party and SDK types the reference set does not contain (matched by metadata name).</summary>
internal static class Stubs
{
    public const string TurenAttributes = """
        namespace Turen.Sdk.Annotations
        {
            [System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Field)]
            public sealed class EncryptedAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Field)]
            public sealed class HashedAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Field)]
            public sealed class EncryptionContextAttribute : System.Attribute { }
        }
        """;

    public const string EntityFramework = """
        namespace Microsoft.EntityFrameworkCore
        {
            public class DbSet<TEntity> where TEntity : class { }
            public class DbContext { }
        }
        """;

    public const string Grpc = """
        namespace Grpc.Net.Client
        {
            public sealed class GrpcChannel
            {
                public static GrpcChannel ForAddress(string address) => new GrpcChannel();
                public static GrpcChannel ForAddress(System.Uri address) => new GrpcChannel();
            }
        }
        """;

    public const string SignalR = """
        namespace Microsoft.AspNetCore.SignalR.Client
        {
            public class HubConnectionBuilder { }
            public static class HubConnectionBuilderHttpExtensions
            {
                public static HubConnectionBuilder WithUrl(this HubConnectionBuilder builder, string url) => builder;
                public static HubConnectionBuilder WithUrl(this HubConnectionBuilder builder, System.Uri url) => builder;
            }
        }
        """;

    public const string IdentityModel = """
        namespace Microsoft.IdentityModel.Tokens
        {
            public class SymmetricSecurityKey
            {
                public SymmetricSecurityKey(byte[] key) { }
            }
        }
        """;
}
