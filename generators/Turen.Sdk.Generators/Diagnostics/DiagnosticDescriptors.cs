using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Generators.Diagnostics;

/// <summary>The TUR1xx descriptors. Each id also has a release-tracking entry and a page docs/diagnostics/TURnnn.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Turen.Fields";

    public static readonly DiagnosticDescriptor TypeNotPartial = Create(
        FieldDiagnosticIds.TypeNotPartial,
        "Type with protected members is not partial",
        "Type '{0}' has [Encrypted], [Hashed] or [EncryptionContext] members but is not declared partial, so its serializer cannot be generated");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(
        FieldDiagnosticIds.UnsupportedMemberType,
        "Member type is not supported",
        "Member '{0}' of type '{1}' cannot be serialized: {2}");

    public static readonly DiagnosticDescriptor EncryptedAndHashed = Create(
        FieldDiagnosticIds.EncryptedAndHashed,
        "[Encrypted] and [Hashed] on one member",
        "Member '{0}' has both [Encrypted] and [Hashed]; choose [Encrypted] to read the value back or [Hashed] to store only a hash");

    public static readonly DiagnosticDescriptor HashedKeyMaterial = Create(
        FieldDiagnosticIds.HashedKeyMaterial,
        "[Hashed] on key material that must be read back",
        "Member '{0}' looks like key material, which must be read back; a hash cannot be, so use [Encrypted]");

    public static readonly DiagnosticDescriptor InvalidContextMember = Create(
        FieldDiagnosticIds.InvalidContextMember,
        "Invalid [EncryptionContext] member",
        "[EncryptionContext] member '{0}' {1}; a context member is stored in clear and must be a non-null string, Guid, integer, bool or enum");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        FieldDiagnosticIds.ContainingTypeNotPartial,
        "Annotated type nested in a non-partial type",
        "Type '{0}' is nested in '{1}', which is not partial, so the serializer cannot be generated");

    public static readonly DiagnosticDescriptor SetterMissing = Create(
        FieldDiagnosticIds.SetterMissing,
        "Member cannot be assigned by the generated reader",
        "Member '{0}' has no setter or init accessor the generated reader can use; add 'init;' (or 'set;'), or mark it [JsonIgnore]");

    public static readonly DiagnosticDescriptor NoParameterlessConstructor = Create(
        FieldDiagnosticIds.NoParameterlessConstructor,
        "Annotated type has no parameterless constructor",
        "Type '{0}' has no parameterless constructor; the generated reader creates it with an object initializer, so declare properties with 'init' instead of constructor parameters");

    public static readonly DiagnosticDescriptor GenericType = Create(
        FieldDiagnosticIds.GenericType,
        "Generic annotated types are not supported",
        "Type '{0}' is generic; annotated types must not be generic, because the type name is bound into every encrypted value");

    public static IEnumerable<DiagnosticDescriptor> All => new[]
    {
        TypeNotPartial, UnsupportedMemberType, EncryptedAndHashed, HashedKeyMaterial, InvalidContextMember,
        ContainingTypeNotPartial, SetterMissing, NoParameterlessConstructor, GenericType,
    };

    public static DiagnosticDescriptor ById(string id)
    {
        foreach (DiagnosticDescriptor descriptor in All)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        throw new KeyNotFoundException(id);
    }

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: string.Format(System.Globalization.CultureInfo.InvariantCulture, FieldDiagnosticIds.HelpLinkFormat, id));
}
