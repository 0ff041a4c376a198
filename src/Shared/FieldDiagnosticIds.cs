// Linked as source into the runtime, the generator and the analyzers: a diagnostic number is defined once and never reused.
namespace Turen.Sdk.Shared;

/// <summary>Ids of the TUR1xx diagnostics, which report misuse of <c>[Encrypted]</c>, <c>[Hashed]</c> and <c>[EncryptionContext]</c>.</summary>
internal static class FieldDiagnosticIds
{
    public const string TypeNotPartial = "TUR100";
    public const string UnsupportedMemberType = "TUR101";
    public const string EncryptedAndHashed = "TUR102";
    public const string HashedKeyMaterial = "TUR103";
    public const string InvalidContextMember = "TUR104";
    public const string ContainingTypeNotPartial = "TUR105";
    public const string SetterMissing = "TUR106";
    public const string NoParameterlessConstructor = "TUR107";
    public const string GenericType = "TUR108";

    /// <summary>Where each id's documentation page lives.</summary>
    public const string HelpLinkFormat = "https://github.com/turen/turen-sdk/blob/main/docs/diagnostics/{0}.md";
}
