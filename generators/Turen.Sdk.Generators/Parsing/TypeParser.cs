using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
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
/// <remarks>
/// This runs once per annotated type in every build, so it reads each member's attributes once, formats type names without
/// <c>ToDisplayString</c> where it can (<see cref="TypeNames"/>), and computes source locations only for diagnostics.
/// </remarks>
internal static class TypeParser
{
    private const string JsonSerializationNamespace = "System.Text.Json.Serialization";

    // Names that say "this is a key": a hash of it could never be used again, so [Hashed] on it is a mistake (TUR103).
    private static readonly string[] KeyMaterialSuffixes =
    {
        "PrivateKey", "SigningKey", "EncryptionKey", "DeviceKey", "DataKey", "WrappingKey", "KeyMaterial", "MasterKey", "Seed",
    };

    public static bool HasTurenAttribute(ISymbol member)
    {
        foreach (AttributeData attribute in member.GetAttributes())
        {
            if (SymbolIdentity.TurenAttribute(attribute) is not null)
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
    public static bool IsFirstAnnotatedMember(IPropertySymbol property) =>
        SymbolEqualityComparer.Default.Equals(TypeMembers.Of(property.ContainingType).FirstAnnotated, property);

    public static ParseResult Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticList(type);
        string key = TypeNames.FullyQualified(type);

        if (type.IsGenericType)
        {
            diagnostics.AddForType(FieldDiagnosticIds.GenericType, type.Name);
        }

        if (!IsPartial(type))
        {
            diagnostics.AddForType(FieldDiagnosticIds.TypeNotPartial, type.Name);
        }

        var containing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer))
            {
                diagnostics.AddForType(FieldDiagnosticIds.ContainingTypeNotPartial, type.Name, outer.Name);
            }

            containing.Insert(0, new ContainingTypeSpec(Keyword(outer), outer.Name));
        }

        ImmutableArray<ISymbol> ownMembers = TypeMembers.Of(type).Members;
        if (!type.IsValueType && !HasParameterlessConstructor(ownMembers))
        {
            diagnostics.AddForType(FieldDiagnosticIds.NoParameterlessConstructor, type.Name);
        }

        var members = new List<MemberSpec>();
        var skippedAnnotated = new List<IPropertySymbol>();
        foreach ((IPropertySymbol property, MemberAttributes attributes) in SerializableProperties(type, ownMembers, skippedAnnotated))
        {
            cancellationToken.ThrowIfCancellationRequested();
            MemberSpec? member = ParseMember(type, property, attributes, diagnostics);
            if (member is not null)
            {
                members.Add(member);
            }
        }

        // An annotated member the serializer would not write (not public, static, or [JsonIgnore]) would silently lose
        // its protection's purpose: report it rather than drop it.
        foreach (IPropertySymbol property in skippedAnnotated)
        {
            diagnostics.Add(FieldDiagnosticIds.UnsupportedMemberType, property, property.Name,
                TypeNames.Display(property.Type), "annotated members must be public, non-static, readable properties without [JsonIgnore]");
        }

        TypeSpec? spec = null;
        if (diagnostics.Count == 0)
        {
            string? ns = TypeNames.Namespace(type.ContainingNamespace);
            var binding = new StringBuilder(64);
            if (ns is not null)
            {
                binding.Append(ns).Append('.');
            }

            foreach (ContainingTypeSpec outer in containing)
            {
                binding.Append(outer.Name).Append('+');
            }

            string bindingName = binding.Append(type.Name).ToString();
            PrintMembersKind printing = PrintMembersOf(type);
            spec = new TypeSpec(
                HintName: binding.Replace('+', '.').Append(".Turen.g.cs").ToString(),
                Namespace: ns,
                ContainingTypes: containing.ToImmutableEquatableArray(),
                Keyword: Keyword(type),
                Name: type.Name,
                FullyQualifiedName: key,
                BindingName: bindingName,
                Printing: printing,
                HidesBaseHashedFields: BaseHasHashedMembers(type),
                Members: members.ToImmutableEquatableArray(),
                // Only a record's PrintMembers uses them; other types keep an empty (and equal) list.
                PrintableMembers: printing == PrintMembersKind.None ? ImmutableEquatableArray<string>.Empty : PrintableMembers(ownMembers).ToImmutableEquatableArray());
        }

        return new ParseResult(key, spec, diagnostics.ToImmutableEquatableArray());
    }

    private static MemberSpec? ParseMember(INamedTypeSymbol type, IPropertySymbol property, MemberAttributes attributes, DiagnosticList diagnostics)
    {
        bool encrypted = attributes.Encrypted, hashed = attributes.Hashed, context = attributes.Context;
        int before = diagnostics.Count;

        if (!CanAssign(type, property))
        {
            diagnostics.Add(FieldDiagnosticIds.SetterMissing, property, property.Name);
        }

        if (encrypted && hashed)
        {
            diagnostics.Add(FieldDiagnosticIds.EncryptedAndHashed, property, property.Name);
        }

        TypeRef? typeRef = TypeRefParser.Parse(property.Type, out string? reason);

        if (hashed && !encrypted && IsKeyMaterial(property))
        {
            diagnostics.Add(FieldDiagnosticIds.HashedKeyMaterial, property, property.Name);
        }
        else if (hashed && !encrypted && property.Type.SpecialType != SpecialType.System_String)
        {
            diagnostics.Add(FieldDiagnosticIds.UnsupportedMemberType, property, property.Name, TypeName(typeRef, property), "[Hashed] supports string members only");
        }

        if (encrypted && !hashed && typeRef?.Kind is not (ValueKind.String or ValueKind.Bytes))
        {
            diagnostics.Add(FieldDiagnosticIds.UnsupportedMemberType, property, property.Name, TypeName(typeRef, property), "[Encrypted] supports string and byte[] members only");
        }

        if (context)
        {
            if (encrypted || hashed)
            {
                diagnostics.Add(FieldDiagnosticIds.InvalidContextMember, property, property.Name, "is itself encrypted or hashed");
            }
            else if (!IsStableScalar(typeRef))
            {
                diagnostics.Add(FieldDiagnosticIds.InvalidContextMember, property, property.Name, $"has type '{TypeName(typeRef, property)}', which is not a stable non-null scalar");
            }
        }

        if (typeRef is null && !attributes.IsAnnotated)
        {
            diagnostics.Add(FieldDiagnosticIds.UnsupportedMemberType, property, property.Name, TypeName(typeRef, property), reason ?? "unsupported type");
        }

        if (diagnostics.Count != before || typeRef is null)
        {
            return null;
        }

        Protection protection = encrypted ? Protection.Encrypted
            : hashed ? (attributes.HashKind == TurenContract.HashKindPassword ? Protection.HashedPassword : Protection.HashedKeyed)
            : context ? Protection.Context
            : Protection.None;
        return new MemberSpec(property.Name, attributes.JsonName ?? property.Name, typeRef, protection, property.IsRequired);
    }

    // The parsed type's display name is the member type's display name; only an unsupported type needs formatting again.
    private static string TypeName(TypeRef? typeRef, IPropertySymbol property) => typeRef?.FullyQualifiedName ?? TypeNames.Display(property.Type);

    /// <summary>
    /// Public instance properties, base type's first, excluding indexers, [JsonIgnore] and computed get-only ones, each with
    /// its attributes read once. Annotated properties of <paramref name="type"/> itself that are left out are added to
    /// <paramref name="skippedAnnotated"/>.
    /// </summary>
    private static List<(IPropertySymbol Property, MemberAttributes Attributes)> SerializableProperties(INamedTypeSymbol type, ImmutableArray<ISymbol> ownMembers, List<IPropertySymbol> skippedAnnotated)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Add(current);
        }

        // Most derived first, so a derived property hides a base one of the same name; each level is then put before the
        // levels derived from it.
        HashSet<string>? seen = chain.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        List<(IPropertySymbol, MemberAttributes)>? result = null;
        for (int i = 0; i < chain.Count; i++)
        {
            bool own = i == 0;
            var level = new List<(IPropertySymbol, MemberAttributes)>(own ? 16 : 8);
            HashSet<ISymbol>? backed = null;
            ImmutableArray<ISymbol> levelMembers = own ? ownMembers : chain[i].GetMembers();
            foreach (ISymbol member in levelMembers)
            {
                if (member is not IPropertySymbol property)
                {
                    continue;
                }

                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public || property.GetMethod is null ||
                    (seen is not null && !seen.Add(property.Name)))
                {
                    if (own && HasTurenAttribute(property))
                    {
                        skippedAnnotated.Add(property);
                    }

                    continue;
                }

                MemberAttributes attributes = MemberAttributes.Read(property);
                if (attributes.JsonIgnore)
                {
                    if (own && attributes.IsAnnotated)
                    {
                        skippedAnnotated.Add(property);
                    }

                    continue;
                }

                // A computed property (no backing storage) is not data; a get-only auto-property or an annotated one is,
                // and must be assignable (TUR106).
                if (property.SetMethod is null && !attributes.IsAnnotated && !(backed ??= BackedProperties(levelMembers)).Contains(property))
                {
                    continue;
                }

                level.Add((property, attributes));
            }

            if (result is null)
            {
                result = level;
            }
            else
            {
                result.InsertRange(0, level);
            }
        }

        return result ?? new List<(IPropertySymbol, MemberAttributes)>();
    }

    private static HashSet<ISymbol> BackedProperties(ImmutableArray<ISymbol> members)
    {
        var backed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (ISymbol member in members)
        {
            if (member is IFieldSymbol { AssociatedSymbol: { } associated })
            {
                backed.Add(associated);
            }
        }

        return backed;
    }

    private static List<string> PrintableMembers(ImmutableArray<ISymbol> ownMembers)
    {
        var printable = new List<string>();
        foreach (ISymbol member in ownMembers)
        {
            bool candidate = member is IPropertySymbol { IsIndexer: false, GetMethod: not null } property
                ? property.Name != "EqualityContract"
                : member is IFieldSymbol { AssociatedSymbol: null };
            if (!candidate || member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public || HasTurenAttribute(member))
            {
                continue;
            }

            printable.Add(member.Name);
        }

        return printable;
    }

    // From the members already read (they include the compiler's implicit constructor): InstanceConstructors would build
    // another array per type.
    private static bool HasParameterlessConstructor(ImmutableArray<ISymbol> ownMembers)
    {
        foreach (ISymbol member in ownMembers)
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } constructor && constructor.Parameters.IsEmpty)
            {
                return true;
            }
        }

        return false;
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

        foreach (string suffix in KeyMaterialSuffixes)
        {
            if (property.Name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
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
        if (!type.IsRecord)
        {
            return PrintMembersKind.None;
        }

        foreach (ISymbol member in type.GetMembers("PrintMembers"))
        {
            if (!member.IsImplicitlyDeclared)
            {
                return PrintMembersKind.None;
            }
        }

        if (type.BaseType is { IsRecord: true })
        {
            return PrintMembersKind.ProtectedOverride;
        }

        return type.IsValueType || type.IsSealed ? PrintMembersKind.Private : PrintMembersKind.ProtectedVirtual;
    }

    private static bool BaseHasHashedMembers(INamedTypeSymbol type)
    {
        // System.Object has no [Hashed] members: stop before it rather than read its members for every type.
        for (INamedTypeSymbol? current = type.BaseType; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is IPropertySymbol && MemberAttributes.Read(member).Hashed)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A type's own members and its first annotated property, read once per type symbol.</summary>
    /// <remarks>
    /// Every annotated member asks for its type's first annotated property (four times per type in a typical model, across
    /// the three attribute passes) and <see cref="INamedTypeSymbol.GetMembers()"/> copies the type's members (accessors,
    /// backing fields and record members included) into a new array on every call, so both are kept per type symbol for
    /// the parse that follows. The table holds its keys weakly: an entry lives only as long as the compilation that owns
    /// the symbol, and nothing of it enters the pipeline's models.
    /// </remarks>
    private sealed class TypeMembers
    {
        private static readonly ConditionalWeakTable<INamedTypeSymbol, TypeMembers> ByType = new();

        private TypeMembers(ImmutableArray<ISymbol> members)
        {
            Members = members;
            foreach (ISymbol member in members)
            {
                if (member is IPropertySymbol property && HasTurenAttribute(property))
                {
                    FirstAnnotated = property;
                    break;
                }
            }
        }

        public ImmutableArray<ISymbol> Members { get; }

        public IPropertySymbol? FirstAnnotated { get; }

        public static TypeMembers Of(INamedTypeSymbol type) => ByType.GetValue(type, static t => new TypeMembers(t.GetMembers()));
    }

    /// <summary>What one member's attributes say, read in a single pass over <see cref="ISymbol.GetAttributes"/>.</summary>
    private readonly struct MemberAttributes
    {
        private MemberAttributes(bool encrypted, bool hashed, bool context, bool jsonIgnore, int hashKind, string? jsonName)
        {
            Encrypted = encrypted;
            Hashed = hashed;
            Context = context;
            JsonIgnore = jsonIgnore;
            HashKind = hashKind;
            JsonName = jsonName;
        }

        public bool Encrypted { get; }

        public bool Hashed { get; }

        public bool Context { get; }

        public bool JsonIgnore { get; }

        public int HashKind { get; }

        /// <summary>From <c>[JsonPropertyName]</c>, or null for the member's own name.</summary>
        public string? JsonName { get; }

        public bool IsAnnotated => Encrypted || Hashed || Context;

        public static MemberAttributes Read(ISymbol member)
        {
            bool encrypted = false, hashed = false, context = false, jsonIgnore = false;
            int hashKind = 0;
            string? jsonName = null;
            foreach (AttributeData attribute in member.GetAttributes())
            {
                switch (SymbolIdentity.TurenAttribute(attribute))
                {
                    case TurenContract.EncryptedAttribute:
                        encrypted = true;
                        continue;
                    case TurenContract.HashedAttribute:
                        hashed = true;
                        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int kind)
                        {
                            hashKind = kind;
                        }

                        continue;
                    case TurenContract.EncryptionContextAttribute:
                        context = true;
                        continue;
                }

                INamedTypeSymbol? attributeClass = attribute.AttributeClass;
                if (attributeClass?.Name == "JsonIgnoreAttribute" && SymbolIdentity.Is(attributeClass, JsonSerializationNamespace, "JsonIgnoreAttribute"))
                {
                    jsonIgnore = true;
                }
                else if (attributeClass?.Name == "JsonPropertyNameAttribute" && SymbolIdentity.Is(attributeClass, JsonSerializationNamespace, "JsonPropertyNameAttribute") &&
                         attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                {
                    jsonName = name;
                }
            }

            return new MemberAttributes(encrypted, hashed, context, jsonIgnore, hashKind, jsonName);
        }
    }

    /// <summary>Diagnostics of one type; source locations (line maps) are computed only when something is reported.</summary>
    private sealed class DiagnosticList
    {
        private readonly INamedTypeSymbol _type;
        private List<DiagnosticInfo>? _items;
        private LocationInfo? _typeLocation;
        private bool _typeLocationRead;

        public DiagnosticList(INamedTypeSymbol type) => _type = type;

        public int Count => _items?.Count ?? 0;

        public void AddForType(string id, params string[] arguments)
        {
            if (!_typeLocationRead)
            {
                _typeLocation = LocationInfo.From(FirstLocation(_type));
                _typeLocationRead = true;
            }

            (_items ??= new List<DiagnosticInfo>()).Add(new DiagnosticInfo(id, _typeLocation, arguments.ToImmutableEquatableArray()));
        }

        public void Add(string id, ISymbol at, params string[] arguments) =>
            (_items ??= new List<DiagnosticInfo>()).Add(new DiagnosticInfo(id, LocationInfo.From(FirstLocation(at)), arguments.ToImmutableEquatableArray()));

        public ImmutableEquatableArray<DiagnosticInfo> ToImmutableEquatableArray() =>
            _items is null ? ImmutableEquatableArray<DiagnosticInfo>.Empty : _items.ToImmutableEquatableArray();

        private static Location? FirstLocation(ISymbol symbol) => symbol.Locations.IsEmpty ? null : symbol.Locations[0];
    }
}
