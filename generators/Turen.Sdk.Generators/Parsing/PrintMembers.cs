using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Model;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>Whether a record gets a generated <c>PrintMembers</c>, and which members its <c>ToString</c> may show.</summary>
internal static class PrintMembers
{
    public static PrintMembersKind KindOf(INamedTypeSymbol type)
    {
        if (!type.IsRecord)
        {
            return PrintMembersKind.None;
        }

        // A PrintMembers the user wrote wins.
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

    /// <summary>The public members the compiler's <c>PrintMembers</c> would show, minus the Turen-annotated ones.</summary>
    public static List<string> Printable(ImmutableArray<ISymbol> ownMembers)
    {
        var printable = new List<string>();
        foreach (ISymbol member in ownMembers)
        {
            bool candidate = member is IPropertySymbol { IsIndexer: false, GetMethod: not null } property
                ? property.Name != "EqualityContract"
                : member is IFieldSymbol { AssociatedSymbol: null };
            if (!candidate || member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public || MemberAttributes.HasTurenAttribute(member))
            {
                continue;
            }

            printable.Add(member.Name);
        }

        return printable;
    }
}
