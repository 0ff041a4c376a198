using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Turen.Sdk.Generators.Model;
using Turen.Sdk.Generators.Shared;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>
/// Reads an annotated type's symbol into a <see cref="TypeSpec"/> plus its TUR1xx violations. Symbols stay inside this
/// class: what leaves it is values only.
/// </summary>
internal static class TypeParser
{
    private const string JsonSerializationNamespace = "System.Text.Json.Serialization";
    private const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";

    // Names that say "this is a key": a hash of it could never be used again, so [Hashed] on it is a mistake (TUR103).
    private static readonly string[] KeyMaterialSuffixes =
    {
        "PrivateKey", "SigningKey", "EncryptionKey", "DeviceKey", "DataKey", "WrappingKey", "KeyMaterial", "MasterKey", "Seed",
    };

    public static bool HasTurenAttribute(ISymbol member)
    {
        foreach (AttributeData attribute in member.GetAttributes())
        {
            if (SymbolNames.TurenAttribute(attribute) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for the first Turen-annotated property of its type, so that a type with many annotated members is parsed once
    /// rather than once per member.
    /// </summary>
    public static bool IsFirstAnnotatedMember(IPropertySymbol property)
    {
        foreach (ISymbol member in property.ContainingType.GetMembers())
        {
            if (member is IPropertySymbol && HasTurenAttribute(member))
            {
                return SymbolEqualityComparer.Default.Equals(member, property);
            }
        }

        return false;
    }

    public static ParseResult Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string key = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        LocationInfo? typeLocation = LocationInfo.From(type.Locations.FirstOrDefault());

        if (type.IsGenericType)
        {
            diagnostics.Add(Diagnostic(FieldDiagnosticIds.GenericType, typeLocation, type.Name));
        }

        if (!IsPartial(type))
        {
            diagnostics.Add(Diagnostic(FieldDiagnosticIds.TypeNotPartial, typeLocation, type.Name));
        }

        var containing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer))
            {
                diagnostics.Add(Diagnostic(FieldDiagnosticIds.ContainingTypeNotPartial, typeLocation, type.Name, outer.Name));
            }

            containing.Insert(0, new ContainingTypeSpec(Keyword(outer), outer.Name));
        }

        if (!type.IsValueType && !type.InstanceConstructors.Any(c => c.Parameters.Length == 0))
        {
            diagnostics.Add(Diagnostic(FieldDiagnosticIds.NoParameterlessConstructor, typeLocation, type.Name));
        }

        var members = new List<MemberSpec>();
        var serialized = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IPropertySymbol property in SerializableProperties(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            serialized.Add(property);
            MemberSpec? member = ParseMember(type, property, diagnostics);
            if (member is not null)
            {
                members.Add(member);
            }
        }

        // An annotated member the serializer would not write (not public, static, or [JsonIgnore]) would silently lose
        // its protection's purpose: report it rather than drop it.
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IPropertySymbol property && !serialized.Contains(property) && HasTurenAttribute(property))
            {
                diagnostics.Add(Diagnostic(FieldDiagnosticIds.UnsupportedMemberType, LocationInfo.From(property.Locations.FirstOrDefault()), property.Name,
                    TypeRefParser.Display(property.Type), "annotated members must be public, non-static, readable properties without [JsonIgnore]"));
            }
        }

        TypeSpec? spec = null;
        if (diagnostics.Count == 0)
        {
            string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            string nesting = string.Concat(containing.Select(c => c.Name + "+"));
            string bindingName = (ns is null ? string.Empty : ns + ".") + nesting + type.Name;
            spec = new TypeSpec(
                HintName: bindingName.Replace('+', '.') + ".Turen.g.cs",
                Namespace: ns,
                ContainingTypes: containing.ToImmutableEquatableArray(),
                Keyword: Keyword(type),
                Name: type.Name,
                FullyQualifiedName: key,
                BindingName: bindingName,
                Printing: PrintMembersOf(type),
                HidesBaseHashedFields: BaseHasHashedMembers(type),
                Members: members.ToImmutableEquatableArray(),
                PrintableMembers: PrintableMembers(type).ToImmutableEquatableArray());
        }

        return new ParseResult(key, spec, diagnostics.ToImmutableEquatableArray());
    }

    private static MemberSpec? ParseMember(INamedTypeSymbol type, IPropertySymbol property, List<DiagnosticInfo> diagnostics)
    {
        LocationInfo? location = LocationInfo.From(property.Locations.FirstOrDefault());
        bool encrypted = false, hashed = false, context = false;
        int hashKind = 0;
        string jsonName = property.Name;
        foreach (AttributeData attribute in property.GetAttributes())
        {
            switch (SymbolNames.TurenAttribute(attribute) ?? (SymbolNames.Is(attribute.AttributeClass, JsonSerializationNamespace, "JsonPropertyNameAttribute") ? JsonPropertyNameAttribute : null))
            {
                case FieldAttributeNames.Encrypted:
                    encrypted = true;
                    break;
                case FieldAttributeNames.Hashed:
                    hashed = true;
                    if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int kind)
                    {
                        hashKind = kind;
                    }

                    break;
                case FieldAttributeNames.EncryptionContext:
                    context = true;
                    break;
                case JsonPropertyNameAttribute when attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name:
                    jsonName = name;
                    break;
            }
        }

        bool annotated = encrypted || hashed || context;
        int before = diagnostics.Count;

        if (!CanAssign(type, property))
        {
            diagnostics.Add(Diagnostic(FieldDiagnosticIds.SetterMissing, location, property.Name));
        }

        if (encrypted && hashed)
        {
            diagnostics.Add(Diagnostic(FieldDiagnosticIds.EncryptedAndHashed, location, property.Name));
        }

        TypeRef? typeRef = TypeRefParser.Parse(property.Type, out string? reason);
        string typeName = TypeRefParser.Display(property.Type);

        if (hashed && !encrypted && IsKeyMaterial(property))
        {
            diagnostics.Add(Diagnostic(FieldDiagnosticIds.HashedKeyMaterial, location, property.Name));
        }
        else if (hashed && !encrypted && property.Type.SpecialType != SpecialType.System_String)
        {
            diagnostics.Add(Diagnostic(FieldDiagnosticIds.UnsupportedMemberType, location, property.Name, typeName, "[Hashed] supports string members only"));
        }

        if (encrypted && !hashed && typeRef?.Kind is not (ValueKind.String or ValueKind.Bytes))
        {
            diagnostics.Add(Diagnostic(FieldDiagnosticIds.UnsupportedMemberType, location, property.Name, typeName, "[Encrypted] supports string and byte[] members only"));
        }

        if (context)
        {
            if (encrypted || hashed)
            {
                diagnostics.Add(Diagnostic(FieldDiagnosticIds.InvalidContextMember, location, property.Name, "is itself encrypted or hashed"));
            }
            else if (!IsStableScalar(typeRef))
            {
                diagnostics.Add(Diagnostic(FieldDiagnosticIds.InvalidContextMember, location, property.Name, $"has type '{typeName}', which is not a stable non-null scalar"));
            }
        }

        if (typeRef is null && !annotated)
        {
            diagnostics.Add(Diagnostic(FieldDiagnosticIds.UnsupportedMemberType, location, property.Name, typeName, reason ?? "unsupported type"));
        }

        if (diagnostics.Count != before || typeRef is null)
        {
            return null;
        }

        Protection protection = encrypted ? Protection.Encrypted
            : hashed ? (hashKind == FieldAttributeNames.HashKindPassword ? Protection.HashedPassword : Protection.HashedKeyed)
            : context ? Protection.Context
            : Protection.None;
        return new MemberSpec(property.Name, jsonName, typeRef, protection, property.IsRequired);
    }

    /// <summary>Public instance properties, base type's first, excluding indexers, [JsonIgnore] and computed get-only ones.</summary>
    private static IEnumerable<IPropertySymbol> SerializableProperties(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IPropertySymbol>();
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            var level = new List<IPropertySymbol>();
            var backed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (ISymbol member in chain[i].GetMembers())
            {
                if (member is IFieldSymbol { AssociatedSymbol: { } associated })
                {
                    backed.Add(associated);
                }
            }

            foreach (ISymbol member in chain[i].GetMembers())
            {
                if (member is not IPropertySymbol property || property.IsStatic || property.IsIndexer ||
                    property.DeclaredAccessibility != Accessibility.Public || property.GetMethod is null || !seen.Add(property.Name))
                {
                    continue;
                }

                if (property.GetAttributes().Any(a => SymbolNames.Is(a.AttributeClass, JsonSerializationNamespace, "JsonIgnoreAttribute")))
                {
                    continue;
                }

                // A computed property (no backing storage) is not data; a get-only auto-property or an annotated one is,
                // and must be assignable (TUR106).
                if (property.SetMethod is null && !HasTurenAttribute(property) && !backed.Contains(property))
                {
                    continue;
                }

                level.Add(property);
            }

            result.InsertRange(0, level);
        }

        return result;
    }

    private static IEnumerable<string> PrintableMembers(INamedTypeSymbol type)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public || HasTurenAttribute(member))
            {
                continue;
            }

            if (member is IPropertySymbol { IsIndexer: false, GetMethod: not null } property && property.Name != "EqualityContract")
            {
                yield return property.Name;
            }
            else if (member is IFieldSymbol { AssociatedSymbol: null } field)
            {
                yield return field.Name;
            }
        }
    }

    private static bool CanAssign(INamedTypeSymbol type, IPropertySymbol property)
    {
        if (property.SetMethod is null)
        {
            return false;
        }

        // A private setter is reachable from the generated partial only when declared on this very type.
        return property.SetMethod.DeclaredAccessibility != Accessibility.Private ||
            SymbolEqualityComparer.Default.Equals(property.ContainingType, type);
    }

    private static bool IsKeyMaterial(IPropertySymbol property)
    {
        ITypeSymbol type = property.Type;
        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
        {
            return true;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments[0].SpecialType == SpecialType.System_Byte &&
            named.Name is "ReadOnlyMemory" or "Memory" or "ArraySegment")
        {
            return true;
        }

        return KeyMaterialSuffixes.Any(suffix => property.Name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsStableScalar(TypeRef? type) =>
        type is not null && !type.AllowsNull && type.Kind is ValueKind.String or ValueKind.Guid or ValueKind.Boolean or ValueKind.Enum
            or ValueKind.Byte or ValueKind.SByte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.Int32 or ValueKind.UInt32
            or ValueKind.Int64 or ValueKind.UInt64;

    private static bool IsPartial(INamedTypeSymbol type)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }

    private static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.IsValueType) switch
    {
        (true, true) => "record struct",
        (true, false) => "record",
        (false, true) => "struct",
        _ => type.TypeKind == TypeKind.Interface ? "interface" : "class",
    };

    private static PrintMembersKind PrintMembersOf(INamedTypeSymbol type)
    {
        if (!type.IsRecord || type.GetMembers("PrintMembers").Any(m => !m.IsImplicitlyDeclared))
        {
            return PrintMembersKind.None;
        }

        if (type.BaseType is { IsRecord: true })
        {
            return PrintMembersKind.ProtectedOverride;
        }

        return type.IsValueType || type.IsSealed ? PrintMembersKind.Private : PrintMembersKind.ProtectedVirtual;
    }

    private static bool BaseHasHashedMembers(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is IPropertySymbol && member.GetAttributes().Any(a => SymbolNames.TurenAttribute(a) == FieldAttributeNames.Hashed))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static DiagnosticInfo Diagnostic(string id, LocationInfo? location, params string[] arguments) =>
        new(id, location, arguments.ToImmutableEquatableArray());
}
