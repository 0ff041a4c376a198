using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Turen.Sdk.Analyzers.Options;
using Turen.Sdk.Analyzers.Text;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Analyzers.Rules;

/// <summary>
/// TUR001: a field or property whose name ends in a secret noun, whose type can hold secret material, in a type that is
/// persisted or serialized, without [Encrypted] or [Hashed]. A type is persisted when it says so itself (attributes) or
/// when the compilation hands it to a serializer or a DbSet; the second needs the whole compilation, so those types are
/// judged at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecretMemberAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SecretMember);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = new KnownSymbols(start.Compilation);
            var options = new TurenOptions(start.Options);
            var judged = new ConcurrentDictionary<INamedTypeSymbol, byte>(SymbolEqualityComparer.Default);
            var handedToSerializers = new ConcurrentDictionary<INamedTypeSymbol, byte>(SymbolEqualityComparer.Default);

            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    CollectSerializedTypes(type, known, handedToSerializers);
                    // Names first: most types hold no secret-named member and never pay for attribute binding.
                    List<ISymbol> candidates = Candidates(type, options);
                    if (candidates.Count > 0 && known.IsPersistedByDeclaration(type) && judged.TryAdd(type, 0))
                    {
                        Report(type, candidates, known, symbolContext.ReportDiagnostic);
                    }
                },
                SymbolKind.NamedType);

            if (known.HasSerializerEntryPoints)
            {
                start.RegisterOperationAction(
                    operationContext =>
                    {
                        var invocation = (IInvocationOperation)operationContext.Operation;
                        if (known.IsSerializerCall(invocation.TargetMethod))
                        {
                            foreach (ITypeSymbol argument in invocation.TargetMethod.TypeArguments)
                            {
                                AddSerialized(argument, handedToSerializers, 0);
                            }
                        }
                    },
                    OperationKind.Invocation);
            }

            start.RegisterCompilationEndAction(end =>
            {
                foreach (INamedTypeSymbol type in handedToSerializers.Keys)
                {
                    if (type.DeclaringSyntaxReferences.Length > 0 && judged.TryAdd(type, 0))
                    {
                        Report(type, Candidates(type, options), known, end.ReportDiagnostic);
                    }
                }
            });
        });
    }

    private static void CollectSerializedTypes(INamedTypeSymbol type, KnownSymbols known, ConcurrentDictionary<INamedTypeSymbol, byte> into)
    {
        if (IsSerializerContext(type))
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (known.JsonSerializable is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.JsonSerializable) &&
                attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is ITypeSymbol serialized)
            {
                    AddSerialized(serialized, into, 0);
                }
            }
        }

        if (known.DbSet is null)
        {
            return;
        }

        foreach (ISymbol member in type.GetMembers())
        {
            ITypeSymbol? memberType = (member as IPropertySymbol)?.Type ?? (member as IFieldSymbol)?.Type;
            if (memberType is INamedTypeSymbol { IsGenericType: true } named &&
                SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, known.DbSet))
            {
                AddSerialized(named.TypeArguments[0], into, 0);
            }
        }
    }

    // List<User>, User[] and Dictionary<string, User> all serialize User.
    private static void AddSerialized(ITypeSymbol type, ConcurrentDictionary<INamedTypeSymbol, byte> into, int depth)
    {
        if (depth > 3)
        {
            return;
        }

        if (type is IArrayTypeSymbol array)
        {
            AddSerialized(array.ElementType, into, depth + 1);
        }
        else if (type is INamedTypeSymbol named)
        {
            if (named.DeclaringSyntaxReferences.Length > 0)
            {
                into.TryAdd(named, 0);
            }

            foreach (ITypeSymbol argument in named.TypeArguments)
            {
                AddSerialized(argument, into, depth + 1);
            }
        }
    }

    private static bool IsSerializerContext(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.Name == "JsonSerializerContext")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Instance fields and properties whose name ends in a secret noun and whose type can hold secret material.</summary>
    private static List<ISymbol> Candidates(INamedTypeSymbol type, TurenOptions options)
    {
        var candidates = new List<ISymbol>();
        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsStatic || member.IsImplicitlyDeclared || member.Locations.Length == 0 || !member.Locations[0].IsInSource)
            {
                continue;
            }

            if (member is not (IFieldSymbol { IsConst: false } or IPropertySymbol { IsIndexer: false }))
            {
                continue;
            }

            // The name decides first; the member's type is looked at only for the few names that end in a secret noun.
            SyntaxTree? tree = member.Locations[0].SourceTree;
            if (tree is not null && options.NounsFor(tree).EndsInSecretNoun(member.Name) &&
                KnownSymbols.CanHoldSecret(member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type))
            {
                candidates.Add(member);
            }
        }

        return candidates;
    }

    private static void Report(INamedTypeSymbol type, List<ISymbol> candidates, KnownSymbols known, Action<Diagnostic> report)
    {
        foreach (ISymbol member in candidates)
        {
            if (!known.IsProtectedOrNotPersisted(member))
            {
                report(Diagnostic.Create(Descriptors.SecretMember, member.Locations[0], member.Name, type.Name));
            }
        }
    }

    private sealed class KnownSymbols
    {
        public KnownSymbols(Compilation compilation)
        {
            JsonSerializable = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
            DbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            JsonSerializer = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializer");
            JsonConvert = compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonConvert");
            NewtonsoftSerializer = compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonSerializer");
        }

        public INamedTypeSymbol? JsonSerializable { get; }

        public INamedTypeSymbol? DbSet { get; }

        public INamedTypeSymbol? JsonSerializer { get; }

        public INamedTypeSymbol? JsonConvert { get; }

        public INamedTypeSymbol? NewtonsoftSerializer { get; }

        public bool HasSerializerEntryPoints => JsonSerializer is not null || JsonConvert is not null || NewtonsoftSerializer is not null;

        public bool IsSerializerCall(IMethodSymbol method) =>
            method.IsGenericMethod &&
            (SymbolEqualityComparer.Default.Equals(method.ContainingType, JsonSerializer) ||
             SymbolEqualityComparer.Default.Equals(method.ContainingType, JsonConvert) ||
             SymbolEqualityComparer.Default.Equals(method.ContainingType, NewtonsoftSerializer)) &&
            (method.Name.StartsWith("Serialize", StringComparison.Ordinal) || method.Name.StartsWith("Deserialize", StringComparison.Ordinal) ||
             method.Name.StartsWith("SerializeObject", StringComparison.Ordinal) || method.Name.StartsWith("DeserializeObject", StringComparison.Ordinal));

        public static bool CanHoldSecret(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            switch (type)
            {
                case { SpecialType: SpecialType.System_String }:
                    return true;
                case IArrayTypeSymbol { Rank: 1 } array:
                    return array.ElementType.SpecialType is SpecialType.System_Byte or SpecialType.System_Char;
                case INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic:
                    return (generic.Name == "Memory" || generic.Name == "ReadOnlyMemory") &&
                           generic.ContainingNamespace?.ToDisplayString() == "System" &&
                           generic.TypeArguments[0].SpecialType == SpecialType.System_Byte;
                default:
                    return false;
            }
        }

        /// <summary>Attributes on the type or its members that say it is serialized or stored.</summary>
        public bool IsPersistedByDeclaration(INamedTypeSymbol type)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            if (type.IsSerializable)
            {
                return true;
            }

            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (IsSerializationAttribute(attribute.AttributeClass, onType: true))
                {
                    return true;
                }
            }

            foreach (ISymbol member in type.GetMembers())
            {
                if (member is not (IFieldSymbol or IPropertySymbol))
                {
                    continue;
                }

                foreach (AttributeData attribute in member.GetAttributes())
                {
                    if (IsTurenAttribute(attribute.AttributeClass, out _) || IsSerializationAttribute(attribute.AttributeClass, onType: false))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>[Encrypted]/[Hashed] protect the member; [JsonIgnore], [NotMapped] and friends keep it out of storage.</summary>
        public bool IsProtectedOrNotPersisted(ISymbol member)
        {
            foreach (AttributeData attribute in member.GetAttributes())
            {
                INamedTypeSymbol? cls = attribute.AttributeClass;
                if (cls is null)
                {
                    continue;
                }

                if (IsTurenAttribute(cls, out string? name) && name != TurenContract.EncryptionContextAttribute)
                {
                    return true;
                }

                if (cls.Name is "JsonIgnoreAttribute" or "IgnoreDataMemberAttribute" or "NotMappedAttribute" or "NonSerializedAttribute")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Exactly the generator's rule: a top-level type of <see cref="TurenContract"/>'s names, out as its full name.</summary>
        public static bool IsTurenAttribute(INamedTypeSymbol? cls, out string? name)
        {
            name = cls is { ContainingType: null } && TurenContract.AttributeFullName(cls.MetadataName) is { } fullName &&
                   cls.ContainingNamespace?.ToDisplayString() == TurenContract.AnnotationsNamespace ? fullName : null;
            return name is not null;
        }

        private static bool IsSerializationAttribute(INamedTypeSymbol? cls, bool onType)
        {
            if (cls is null)
            {
                return false;
            }

            string ns = cls.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (cls.Name is "JsonIgnoreAttribute" or "IgnoreDataMemberAttribute" or "NotMappedAttribute" or "NonSerializedAttribute" or
                "JsonSerializableAttribute" or "JsonSourceGenerationOptionsAttribute")
            {
                return false;
            }

            if (ns == "System.Text.Json.Serialization" || ns.StartsWith("Newtonsoft.Json", StringComparison.Ordinal))
            {
                return true;
            }

            if (ns == "System.Runtime.Serialization")
            {
                return cls.Name is "DataContractAttribute" or "DataMemberAttribute";
            }

            if (ns == "System.ComponentModel.DataAnnotations.Schema")
            {
                return onType ? cls.Name == "TableAttribute" : cls.Name == "ColumnAttribute";
            }

            return false;
        }
    }
}
