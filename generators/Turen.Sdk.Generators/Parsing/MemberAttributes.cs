using Microsoft.CodeAnalysis;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Generators.Parsing;

/// <summary>What one member's attributes say, read in a single pass over <see cref="ISymbol.GetAttributes"/>.</summary>
internal readonly struct MemberAttributes
{
    private const string JsonSerializationNamespace = "System.Text.Json.Serialization";

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

    /// <summary>The <c>HashKind</c> value of <c>[Hashed]</c> (<see cref="TurenContract.HashKindKeyed"/> when not given).</summary>
    public int HashKind { get; }

    /// <summary>From <c>[JsonPropertyName]</c>, or null for the member's own name.</summary>
    public string? JsonName { get; }

    public bool IsAnnotated => Encrypted || Hashed || Context;

    /// <summary>True when <paramref name="member"/> carries any Turen attribute; stops at the first one.</summary>
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

    public static MemberAttributes Read(ISymbol member)
    {
        bool encrypted = false, hashed = false, context = false, jsonIgnore = false;
        int hashKind = TurenContract.HashKindKeyed;
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
