namespace Turen.Sdk.Generators.Emission;

/// <summary>Fully qualified names the generated code uses, in one place.</summary>
internal static class Names
{
    public const string Fields = "global::Turen.Sdk.Fields.";
    public const string Serializable = Fields + "ITurenSerializable";
    public const string Scope = Fields + "FieldScope";
    public const string Json = Fields + "FieldJson";
    public const string Hashing = Fields + "FieldHashing";
    public const string Serializer = Fields + "TurenSerializer";
    public const string HashedField = Fields + "HashedField";
    public const string HashKind = "global::Turen.Sdk.Annotations.HashKind";
    public const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    public const string Reader = "global::System.Text.Json.Utf8JsonReader";
    public const string TokenType = "global::System.Text.Json.JsonTokenType";
    public const string EncodedText = "global::System.Text.Json.JsonEncodedText";
    public const string List = "global::System.Collections.Generic.List";
    public const string StringBuilder = "global::System.Text.StringBuilder";

    /// <summary>Private nested class holding the pre-encoded JSON property names.</summary>
    public const string JsonNamesClass = "__TurenJsonNames";

    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"Turen.Sdk.Generators\", \"" + Version + "\")]";

    public const string Version = "0.1.0";
}
