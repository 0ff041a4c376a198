namespace Turen.Sdk.Analyzers;

/// <summary>The analyzer diagnostic IDs. Numbers are never reused; TUR1xx belong to the generator.</summary>
public static class DiagnosticIds
{
    public const string SecretMember = "TUR001";
    public const string SecretLiteral = "TUR002";
    public const string CleartextHttp = "TUR003";
    public const string WeakTls = "TUR004";
    public const string PublicListener = "TUR005";
}
