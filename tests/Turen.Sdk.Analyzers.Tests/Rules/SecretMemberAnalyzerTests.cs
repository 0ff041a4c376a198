using System.Threading.Tasks;
using Turen.Sdk.Analyzers.Rules;
using Turen.Sdk.Analyzers.Tests.Infrastructure;

namespace Turen.Sdk.Analyzers.Tests.Rules;

public class SecretMemberAnalyzerTests
{
    private static Task Check(string source, string? editorConfig = null) =>
        Verify<SecretMemberAnalyzer>.Analyzer(new[] { source, Stubs.TurenAttributes, Stubs.EntityFramework }, editorConfig);

    [Theory]
    // Another member carries a Turen attribute.
    [InlineData("public class Agent { [Turen.Sdk.Annotations.Encrypted] public string? DeviceKey { get; set; } public string {|TUR001:Password|} { get; set; } = \"\"; }")]
    [InlineData("public class Agent { [Turen.Sdk.Annotations.EncryptionContext] public Guid OrgId { get; set; } public string? {|TUR001:RefreshToken|} { get; set; } }")]
    // Serializer attributes on the type or a member.
    [InlineData("public class Login { [JsonPropertyName(\"user\")] public string User { get; set; } = \"\"; public string? {|TUR001:ApiKey|} { get; set; } }")]
    [InlineData("[Serializable] public class Keys { public byte[]? {|TUR001:PrivateKey|}; }")]
    [InlineData("[System.ComponentModel.DataAnnotations.Schema.Table(\"tenants\")] public class Tenant { public string? {|TUR001:ConnectionString|} { get; set; } }")]
    [InlineData("[System.Runtime.Serialization.DataContract] public class OAuth { [System.Runtime.Serialization.DataMember] public string? {|TUR001:access_token|}; }")]
    [InlineData("[JsonConverter(typeof(JsonStringEnumConverter))] public class Wrapped { public ReadOnlyMemory<byte>? {|TUR001:DataKey|} { get; set; } }")]
    [InlineData("[Serializable] public class Pins { public char[]? {|TUR001:Passphrase2|}; public Memory<byte> {|TUR001:Dek|}; }")]
    [InlineData("[Serializable] public class Client { public string? {|TUR001:client_secret|}; public string? {|TUR001:idToken|}; public string? {|TUR001:BearerToken|}; }")]
    // Handed to a serializer or a DbSet somewhere in the compilation.
    [InlineData("public class Settings { public string? {|TUR001:SmtpPassword|} { get; set; } } public static class Io { public static string Save(Settings s) => JsonSerializer.Serialize<Settings>(s); }")]
    [InlineData("public class Session { public string? {|TUR001:SessionToken|} { get; set; } } public static class Io { public static Session? Load(string s) => JsonSerializer.Deserialize<Session>(s); }")]
    [InlineData("public class User { public string? {|TUR001:Credentials|} { get; set; } } public class Db : Microsoft.EntityFrameworkCore.DbContext { public Microsoft.EntityFrameworkCore.DbSet<User> Users { get; set; } = null!; }")]
    [InlineData("public class Agent { public string? {|TUR001:SigningKey|} { get; set; } } [JsonSerializable(typeof(List<Agent>))] internal partial class Ctx : JsonSerializerContext { public Ctx() : base(null) { } protected override JsonSerializerOptions? GeneratedSerializerOptions => null; public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null; }")]
    // The README's AgentRecord, before annotation.
    [InlineData("public sealed partial record AgentRecord { [Turen.Sdk.Annotations.EncryptionContext] public required Guid OrgId { get; init; } public required string Hostname { get; init; } public required string {|TUR001:AgentSecret|} { get; init; } public string? {|TUR001:RefreshToken|} { get; init; } public byte[]? DeviceKey { get; init; } public string? {|TUR001:RecoveryPassphrase|} { get; init; } }")]
    public Task Reports_secret_members_of_persisted_types(string source) => Check(Snippets.InClass(string.Empty) + source);

    [Theory]
    // Qualifiers describe a secret rather than hold one.
    [InlineData("[Serializable] public class A { public string? PasswordHash; public string? TokenType; public string? ApiKeyId; public string? SecretName; public string? PasswordResetUrl; public DateTime TokenExpiresAt; public string? PasswordHint; public int PasswordLength; public string? TokenEndpoint; public string? ConnectionStringName; public string? SigningKeyVersion; public string? ApiKeyPrefix; }")]
    // Protected or not persisted.
    [InlineData("[Serializable] public class A { [Turen.Sdk.Annotations.Encrypted] public string? Password; [Turen.Sdk.Annotations.Hashed] public string? ApiKey; }")]
    [InlineData("[Serializable] public class A { [JsonIgnore] public string? Password { get; set; } [System.ComponentModel.DataAnnotations.Schema.NotMapped] public string? Token { get; set; } }")]
    [InlineData("public class NotPersisted { public string? Password { get; set; } public byte[]? PrivateKey; }")]
    // Types that cannot hold secret material, words that only contain a noun, statics and consts.
    [InlineData("[Serializable] public class A { public Guid Token; public int Secret; public bool Password; public string? Tokenizer; public string? Passwordless; public static string? StaticPassword; public const string ConstToken = \"\"; }")]
    // A serializer context type itself is not a persisted type.
    [InlineData("[JsonSerializable(typeof(int))] internal partial class Ctx : JsonSerializerContext { public Ctx() : base(null) { } public string? Token { get; set; } protected override JsonSerializerOptions? GeneratedSerializerOptions => null; public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null; }")]
    // Serializing something else does not make every type persisted.
    [InlineData("public class Request { public string? Password { get; set; } } public class Dto { public string? Name { get; set; } } public static class Io { public static string Save(Dto d) => JsonSerializer.Serialize<Dto>(d); }")]
    // The README's AgentRecord, annotated.
    [InlineData("public sealed partial record AgentRecord { [Turen.Sdk.Annotations.EncryptionContext] public required Guid OrgId { get; init; } [Turen.Sdk.Annotations.Hashed] public required string AgentSecret { get; init; } [Turen.Sdk.Annotations.Encrypted] public string? RefreshToken { get; init; } [Turen.Sdk.Annotations.Encrypted] public byte[]? DeviceKey { get; init; } }")]
    public Task Does_not_report_lookalikes(string source) => Check(Snippets.InClass(string.Empty) + source);

    [Fact]
    public Task Generated_code_is_skipped() =>
        Check("// <auto-generated/>\n[System.Serializable] public class Generated { public string? Password; }");

    [Fact]
    public Task Additional_secret_words_come_from_editorconfig() =>
        Check(
            "[System.Serializable] public class License { public string? {|TUR001:LicenseKey|}; public string? {|TUR001:RecoveryPin|}; public string? Name; }",
            "root = true\n[*.cs]\nturen_analyzers.tur001.additional_secret_words = license key, pin\n");

    [Fact]
    public Task Severity_can_be_lowered_in_editorconfig()
    {
        var test = new TurenAnalyzerTest<SecretMemberAnalyzer>();
        test.TestState.Sources.Add("[System.Serializable] public class A { public string? Password; }");
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.TUR001.severity = none\n"));
        return test.RunAsync();
    }
}
