using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Turen.Sdk.Generators.Model;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>The rules an annotated type itself must meet (TUR10x on the type) and how it is declared.</summary>
internal static class TypeRules
{
    /// <summary>Reports the type-level violations; returns the enclosing types, outermost first.</summary>
    public static List<ContainingTypeSpec> Check(INamedTypeSymbol type, ImmutableArray<ISymbol> ownMembers, DiagnosticList diagnostics)
    {
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

        if (!type.IsValueType && !HasParameterlessConstructor(ownMembers))
        {
            diagnostics.AddForType(FieldDiagnosticIds.NoParameterlessConstructor, type.Name);
        }

        return containing;
    }

    public static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.IsValueType) switch
    {
        (true, true) => "record struct",
        (true, false) => "record",
        (false, true) => "struct",
        _ => type.TypeKind == TypeKind.Interface ? "interface" : "class",
    };

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
}
