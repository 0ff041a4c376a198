// Every name the generator and the analyzers look for in the runtime, and every global:: name the generator writes into
// user code, spelled once. Linked as source into the runtime, the generator and the analyzers (netstandard2.0), so keep
// it dependency-free and constants only. ContractTests (tests/Turen.Sdk.Generators.Tests) compares each constant with
// typeof(X).FullName and the enum values, so a rename in the runtime fails a test instead of silently breaking
// generated code or switching TUR001 off.
namespace Turen.Sdk.Shared;

/// <summary>The names the Roslyn components share with the runtime.</summary>
internal static class TurenContract
{
    /// <summary>Namespace of the attributes users put on their models.</summary>
    public const string AnnotationsNamespace = "Turen.Sdk.Annotations";

    /// <summary>Metadata names (<c>INamedTypeSymbol.MetadataName</c>) of the attributes, without namespace.</summary>
    public const string EncryptedAttributeName = "EncryptedAttribute";
    public const string HashedAttributeName = "HashedAttribute";
    public const string EncryptionContextAttributeName = "EncryptionContextAttribute";

    /// <summary>Full metadata names, as <c>ForAttributeWithMetadataName</c> and <c>typeof(X).FullName</c> spell them.</summary>
    public const string EncryptedAttribute = AnnotationsNamespace + "." + EncryptedAttributeName;
    public const string HashedAttribute = AnnotationsNamespace + "." + HashedAttributeName;
    public const string EncryptionContextAttribute = AnnotationsNamespace + "." + EncryptionContextAttributeName;

    /// <summary>The full metadata name of the Turen attribute whose metadata name is <paramref name="metadataName"/>, or null.</summary>
    /// <remarks>The caller still checks that the type is top-level in <see cref="AnnotationsNamespace"/>.</remarks>
    public static string? AttributeFullName(string metadataName) => metadataName switch
    {
        EncryptedAttributeName => EncryptedAttribute,
        HashedAttributeName => HashedAttribute,
        EncryptionContextAttributeName => EncryptionContextAttribute,
        _ => null,
    };

    public const string HashKind = AnnotationsNamespace + ".HashKind";

    /// <summary><c>HashKind.Keyed</c>: the value [Hashed] carries when no kind is given.</summary>
    public const int HashKindKeyed = 0;
    public const int HashKindPassword = 1;
    public const string HashKindKeyedName = "Keyed";
    public const string HashKindPasswordName = "Password";

    /// <summary>Namespace of the user-facing field API (<c>TurenSerializer</c>, <c>FieldProtector</c>, <c>HashedField</c>).</summary>
    public const string FieldsNamespace = "Turen.Sdk.Fields";

    /// <summary>Namespace of the types only generated code calls (as <c>System.Text.Json.Serialization.Metadata</c>).</summary>
    public const string MetadataNamespace = FieldsNamespace + ".Metadata";

    /// <summary>Metadata name of <c>ITurenSerializable&lt;T&gt;</c> (generic arity 1), without namespace.</summary>
    public const string SerializableInterfaceName = "ITurenSerializable`1";
    public const string SerializableInterface = MetadataNamespace + "." + SerializableInterfaceName;

    /// <summary>The generator's assembly name, written into <c>[GeneratedCode]</c>.</summary>
    public const string GeneratorName = "Turen.Sdk.Generators";
    public const string GeneratorVersion = "0.1.0";

    /// <summary>
    /// The <c>global::</c>-qualified names generated code writes. Generic types are written without their arity and
    /// take their type arguments at the use site.
    /// </summary>
    internal static class Global
    {
        private const string Fields = "global::" + FieldsNamespace + ".";
        private const string Metadata = "global::" + MetadataNamespace + ".";

        public const string Serializable = Metadata + "ITurenSerializable";
        public const string Binding = Metadata + "FieldBinding";
        public const string Json = Metadata + "FieldJson";
        public const string Hashing = Metadata + "FieldHashing";
        public const string HashedField = Fields + "HashedField";
        public const string HashKind = "global::" + TurenContract.HashKind;

        public const string Utf8JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
        public const string Utf8JsonReader = "global::System.Text.Json.Utf8JsonReader";
        public const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
        public const string JsonEncodedText = "global::System.Text.Json.JsonEncodedText";
        public const string List = "global::System.Collections.Generic.List";
        public const string StringBuilder = "global::System.Text.StringBuilder";

        public const string GeneratedCodeAttribute =
            "[global::System.CodeDom.Compiler.GeneratedCode(\"" + GeneratorName + "\", \"" + GeneratorVersion + "\")]";
    }
}
