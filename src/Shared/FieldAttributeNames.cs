// Linked as source into the runtime (Turen.Sdk) and the generator (netstandard2.0), so the attributes the runtime declares
// and the names the generator looks for can never drift apart. Keep it dependency-free.
namespace Turen.Sdk.Shared;

/// <summary>Metadata names of the field-protection attributes and of the runtime types generated code calls.</summary>
internal static class FieldAttributeNames
{
    public const string Namespace = "Turen.Sdk.Annotations";
    public const string Encrypted = Namespace + ".EncryptedAttribute";
    public const string Hashed = Namespace + ".HashedAttribute";
    public const string EncryptionContext = Namespace + ".EncryptionContextAttribute";

    /// <summary>The value of <c>HashKind.Password</c>; <c>HashKind.Keyed</c> is 0.</summary>
    public const int HashKindPassword = 1;

    public const string FieldsNamespace = "Turen.Sdk.Fields";
}
