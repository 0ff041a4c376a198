using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Model;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>
/// Reads an annotated type's symbol into a <see cref="TypeSpec"/> plus its TUR1xx violations: the type's rules
/// (<see cref="TypeRules"/>), its serialized members (<see cref="MemberDiscovery"/>, <see cref="MemberRules"/>) and its
/// record printing (<see cref="PrintMembers"/>). Symbols stay inside Parsing/: what leaves it is values only.
/// </summary>
/// <remarks>
/// This runs once per annotated type in every build, so it reads each member's attributes once, formats type names without
/// <c>ToDisplayString</c> where it can (<see cref="TypeNames"/>), and computes source locations only for diagnostics.
/// </remarks>
internal static class TypeParser
{
    // Every annotated member of a type (typically several, across the three attribute passes) asks for its type's parse;
    // it is computed for the first and shared by the rest. The table holds its keys weakly: an entry lives only as long as
    // the compilation that owns the symbol, and only the value-only result is kept.
    private static readonly ConditionalWeakTable<INamedTypeSymbol, ParseResult> Parsed = new();

    /// <summary>The parse of the type that declares <paramref name="property"/>, computed once per type symbol.</summary>
    public static ParseResult ParseDeclaringType(IPropertySymbol property, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = property.ContainingType;
        if (Parsed.TryGetValue(type, out ParseResult? parsed))
        {
            return parsed;
        }

        parsed = Parse(type, cancellationToken);
        // Two passes racing on one type compute equal results; the first stored is the one every member returns.
        return Parsed.GetValue(type, _ => parsed);
    }

    public static ParseResult Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticList(type);
        string key = TypeNames.FullyQualified(type);

        // GetMembers copies the type's members (accessors, backing fields and record members included) into a new array
        // on every call: read them once for every rule below.
        ImmutableArray<ISymbol> ownMembers = type.GetMembers();
        List<ContainingTypeSpec> containing = TypeRules.Check(type, ownMembers, diagnostics);

        var members = new List<MemberSpec>();
        var skippedAnnotated = new List<IPropertySymbol>();
        foreach ((IPropertySymbol property, MemberAttributes attributes) in MemberDiscovery.SerializableProperties(type, ownMembers, skippedAnnotated))
        {
            cancellationToken.ThrowIfCancellationRequested();
            MemberSpec? member = MemberRules.Parse(type, property, attributes, diagnostics);
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

        TypeSpec? spec = diagnostics.Count == 0 ? Spec(type, key, containing, ownMembers, members) : null;
        return new ParseResult(key, spec, diagnostics.ToImmutableEquatableArray());
    }

    private static TypeSpec Spec(INamedTypeSymbol type, string key, List<ContainingTypeSpec> containing, ImmutableArray<ISymbol> ownMembers, List<MemberSpec> members)
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
        PrintMembersKind printing = PrintMembers.KindOf(type);
        return new TypeSpec(
            HintName: binding.Replace('+', '.').Append(".Turen.g.cs").ToString(),
            Namespace: ns,
            ContainingTypes: containing.ToImmutableEquatableArray(),
            Keyword: TypeRules.Keyword(type),
            Name: type.Name,
            FullyQualifiedName: key,
            BindingName: bindingName,
            Printing: printing,
            HidesBaseHashedFields: MemberDiscovery.BaseHasHashedMembers(type),
            Members: members.ToImmutableEquatableArray(),
            // Only a record's PrintMembers uses them; other types keep an empty (and equal) list.
            PrintableMembers: printing == PrintMembersKind.None ? ImmutableEquatableArray<string>.Empty : PrintMembers.Printable(ownMembers).ToImmutableEquatableArray());
    }
}
