using System.Collections.Generic;
using System.Threading.Tasks;
using Turen.Sdk.Analyzers.Rules;
using Turen.Sdk.Analyzers.Tests.Infrastructure;

namespace Turen.Sdk.Analyzers.Tests.Rules;

public class SecretLiteralAnalyzerTests
{
    private static readonly string Pem =
        "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvuNMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ\\n-----END PRIVATE KEY-----";

    private static Task Check(string source, string? editorConfig = null) =>
        Verify<SecretLiteralAnalyzer>.Analyzer(new[] { source, Stubs.IdentityModel }, editorConfig);

    public static IEnumerable<object[]> KnownFormats() => new[]
    {
        new object[] { $"var s = {{|TUR002:\"{Snippets.Token("as_live_")}\"|}};" },
        new object[] { $"var s = {{|TUR002:\"{Snippets.Token("ak_live_", 'Z')}\"|}};" },
        new object[] { $"client.DefaultRequestHeaders.Add(\"Authorization\", {{|TUR002:\"Bearer {Snippets.Token("as_live_", 'k')}\"|}});" },
        new object[] { "var s = {|TUR002:\"AKIA2E0A8F3B244C9986\"|};" },
        new object[] { "var s = {|TUR002:\"ASIAY34FZKBOKMUTVV7A\"|};" },
        new object[] { $"var pem = {{|TUR002:\"{Pem}\"|}};" },
        new object[] { "var s = {|TUR002:\"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\"|};" },
        new object[] { "var s = {|TUR002:\"github_pat_11ABCDEFG0abcdefghijklmn_opqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijk\"|};" },
        new object[] { "var s = {|TUR002:\"xoxb-1234567890-abcdefghijABCD\"|};" },
        new object[] { "var s = {|TUR002:\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"|};" },
        new object[] { "var s = {|TUR002:\"rk_live_51H8zZ2eZvKYlo2CabcdEFGH\"|};" },
        // Constant folding: a token assembled from pieces is judged once, as a whole.
        new object[] { $"var s = {{|TUR002:\"{Snippets.Token("as_live_").Substring(0, 10)}\" + \"{Snippets.Token("as_live_").Substring(10)}\"|}};" },
        new object[] { "var cs = {|TUR002:\"Host=db.internal;Username=app;Password=Tr0ub4dor&3\"|};" },
        new object[] { "var cs = {|TUR002:\"Server=sql1;Database=app;User Id=sa;Pwd=hunter22;\"|};" },
    };

    [Theory]
    [MemberData(nameof(KnownFormats))]
    public Task Reports_known_secret_formats(string body) => Check(Snippets.InMethod(body));

    [Theory]
    [InlineData("password = {|TUR002:\"hunter2\"|};")]
    [InlineData("string apiKey = {|TUR002:\"9f86d081884c7d659a2feaa0c55ad015\"|};")]
    [InlineData("var credential = new NetworkCredential(\"svc-backup\", {|TUR002:\"S3cr3t!2024\"|});")]
    [InlineData("using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes({|TUR002:\"my-signing-key-123\"|}));")]
    [InlineData("using var aes = new AesGcm(Convert.FromBase64String({|TUR002:\"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=\"|}), 16);")]
    [InlineData("var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.ASCII.GetBytes({|TUR002:\"super_secret_jwt_key_that_is_long\"|}));")]
    [InlineData("client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Bearer\", {|TUR002:\"eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo\"|});")]
    [InlineData("if (password == {|TUR002:\"letmein\"|}) { }")]
    [InlineData("if (string.Equals(password, {|TUR002:\"letmein\"|})) { }")]
    [InlineData("var login = new Login { Password = {|TUR002:\"P@ssw0rd!\"|} };")]
    [InlineData("Connect(host, secret: {|TUR002:\"7c4a8d09ca3762af61e59520943dc26494f8941b\"|});")]
    public Task Reports_constants_that_reach_secret_sinks(string body) =>
        Check(Snippets.InMethod(body) + "public class Login { public string? Password { get; set; } } public static class Net { }" +
              "public partial class Sample { void Connect(string host, string secret) { } }");

    [Fact]
    public Task Follows_constants_across_files() =>
        Verify<SecretLiteralAnalyzer>.Analyzer(
            "public static class Defaults { public const string AdminPart = \"correct-horse\"; public const string Suffix = \"-battery\"; }",
            "public class Admin { public string Password { get; set; } = {|TUR002:Defaults.AdminPart + Defaults.Suffix|}; }");

    [Theory]
    // The test formats exist so fixtures need no suppression; a lookalike with a bad checksum is not a known format.
    [InlineData("as_test_")]
    [InlineData("ak_test_")]
    public Task Test_tokens_are_never_reported(string prefix) =>
        Check(Snippets.InMethod($"var s = \"{Snippets.Token(prefix)}\"; password = \"{Snippets.Token(prefix)}\"; var apiKey = \"{Snippets.Token(prefix)}\";"));

    [Fact]
    public Task Live_lookalikes_with_a_wrong_checksum_are_not_a_known_format() =>
        Check(Snippets.InMethod($"var s = \"{Snippets.TokenWithBadChecksum("as_live_")}\"; var t = \"{Snippets.TokenWithBadChecksum("ak_live_")}\"; var u = \"as_live_short\";"));

    [Theory]
    // Placeholders.
    [InlineData("password = \"${DB_PASSWORD}\"; password = \"%DB_PASSWORD%\"; password = \"<your-password>\"; password = \"{0}\"; password = \"********\"; password = \"xxxxxx\"; password = \"\";")]
    // Names of secrets: header names, config keys, environment variable names.
    [InlineData("const string ApiKeyHeaderName = \"X-Api-Key\"; client.DefaultRequestHeaders.Add(\"X-Api-Key\", password); var apiKey = configuration[\"Turen:ApiKey\"];")]
    [InlineData("string? secret = configuration[\"Payments:ClientSecret\"]; var token = Environment.GetEnvironmentVariable(\"TUREN_AGENT_TOKEN\"); password = configuration.GetSection(\"Db\")[\"Password\"] ?? \"\";")]
    [InlineData("string passwordEnvVar = \"DB_PASSWORD\"; string tokenName = \"refresh_token\"; string grant = \"client_credentials\";")]
    // Messages and comparisons with names.
    [InlineData("if (string.IsNullOrEmpty(password)) throw new ArgumentException(\"Invalid password\", nameof(password)); logger.LogWarning(\"Token expired for {Host}\", host);")]
    // AWS's documented sample key and a PEM header a parser looks for.
    [InlineData("var sample = \"AKIAIOSFODNN7EXAMPLE\"; bool isPem = host.StartsWith(\"-----BEGIN PRIVATE KEY-----\", StringComparison.Ordinal);")]
    // Connection strings without an inline password.
    [InlineData("var a = \"Host=db;Username=app;Password=;\"; var b = \"Server=db;Database=app;Password={0}\"; var c = \"Server=db;Integrated Security=true\"; var d = \"Password=abc\";")]
    // Non-secret names and non-constant values.
    [InlineData("var passwordPolicy = \"min-12-chars\"; string tokenType = \"Bearer\"; var passwordHash = \"$argon2id$v=19$m=65536\"; password = host + \"x\"; var s = \"ghp_short\";")]
    public Task Does_not_report_lookalikes(string body) => Check(Snippets.InMethod(body));

    [Fact]
    public Task Additional_secret_words_extend_the_sinks() =>
        Check(
            Snippets.InMethod("var licenseKey = {|TUR002:\"LK-2931-XJ88-0021\"|};"),
            "root = true\n[*.cs]\nturen_analyzers.tur001.additional_secret_words = license key\n");

    [Fact]
    public Task Config_files_report_secrets_with_exact_positions()
    {
        const string Path = "/0/appsettings.Production.json";
        string live = Snippets.Token("as_live_");
        string text = """
            {
              // comments and trailing commas are tolerated
              "Smtp": { "Host": "smtp.example.com", "Password": "hunter2-but-longer", },
              "Api": { "ApiKey": "", "ClientSecret": "${CLIENT_SECRET}", "TestToken": "TOKEN_PLACEHOLDER" },
              "ConnectionStrings": { "Db": "Host=db;Username=app;Password=pg-pass-1" },
              "Agent": { "Secret": "{{LIVE}}" },
            }
            """.Replace("{{LIVE}}", live);
        return Verify<SecretLiteralAnalyzer>.ConfigFile(
            Path,
            text,
            ConfigSpan.At("TUR002", Path, text, "\"hunter2-but-longer\""),
            ConfigSpan.At("TUR002", Path, text, "\"Host=db;Username=app;Password=pg-pass-1\""),
            ConfigSpan.At("TUR002", Path, text, "\"" + live + "\""));
    }

    [Fact]
    public Task Config_test_tokens_and_other_files_are_not_reported() =>
        Verify<SecretLiteralAnalyzer>.ConfigFile(
            "/0/appsettings.json",
            $"{{ \"Agent\": {{ \"Secret\": \"{Snippets.Token("as_test_")}\" }}, \"broken\": [1, 2, ");
}
