using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>Which properties a generated serializer writes, each with its attributes read once.</summary>
internal static class MemberDiscovery
{
    /// <summary>
    /// Public instance properties, base type's first, excluding indexers, [JsonIgnore] and computed get-only ones. Annotated
    /// properties of <paramref name="type"/> itself that are left out are added to <paramref name="skippedAnnotated"/>.
    /// </summary>
    public static List<(IPropertySymbol Property, MemberAttributes Attributes)> SerializableProperties(INamedTypeSymbol type, ImmutableArray<ISymbol> ownMembers, List<IPropertySymbol> skippedAnnotated)
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
                    if (own && MemberAttributes.HasTurenAttribute(property))
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

    /// <summary>True when a property of <paramref name="type"/> or of a base type declared in source carries a Turen attribute.</summary>
    public static bool HasAnnotatedProperty(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (current.DeclaringSyntaxReferences.Length == 0)
            {
                continue;
            }

            foreach (ISymbol member in current.GetMembers())
            {
                if (member is IPropertySymbol && MemberAttributes.HasTurenAttribute(member))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when a base type (not <paramref name="type"/> itself) has a [Hashed] property, so its HashedFields must be hidden.</summary>
    public static bool BaseHasHashedMembers(INamedTypeSymbol type)
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
}
