using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Turen.Sdk.Annotations;
using Turen.Sdk.Fields;
using Turen.Sdk.Fields.Metadata;
using Turen.Sdk.Shared;

namespace Turen.Sdk.Generators.Tests.Unit;

/// <summary>
/// Every name in <see cref="TurenContract"/> (the generator's compiled copy) against the runtime it names: a rename on
/// either side fails here rather than in generated code or by silently switching TUR001 off.
/// </summary>
public sealed class TurenContractTests
{
    private static readonly Dictionary<string, object> Contract = new(StringComparer.Ordinal)
    {
        [nameof(TurenContract.AnnotationsNamespace)] = typeof(EncryptedAttribute).Namespace!,
        [nameof(TurenContract.EncryptedAttributeName)] = typeof(EncryptedAttribute).Name,
        [nameof(TurenContract.HashedAttributeName)] = typeof(HashedAttribute).Name,
        [nameof(TurenContract.EncryptionContextAttributeName)] = typeof(EncryptionContextAttribute).Name,
        [nameof(TurenContract.EncryptedAttribute)] = typeof(EncryptedAttribute).FullName!,
        [nameof(TurenContract.HashedAttribute)] = typeof(HashedAttribute).FullName!,
        [nameof(TurenContract.EncryptionContextAttribute)] = typeof(EncryptionContextAttribute).FullName!,
        [nameof(TurenContract.HashKind)] = typeof(HashKind).FullName!,
        [nameof(TurenContract.HashKindKeyed)] = (int)HashKind.Keyed,
        [nameof(TurenContract.HashKindPassword)] = (int)HashKind.Password,
        [nameof(TurenContract.HashKindKeyedName)] = nameof(HashKind.Keyed),
        [nameof(TurenContract.HashKindPasswordName)] = nameof(HashKind.Password),
        [nameof(TurenContract.FieldsNamespace)] = typeof(TurenSerializer).Namespace!,
        [nameof(TurenContract.MetadataNamespace)] = typeof(ITurenSerializable<>).Namespace!,
        [nameof(TurenContract.SerializableInterfaceName)] = typeof(ITurenSerializable<>).Name,
        [nameof(TurenContract.SerializableInterface)] = typeof(ITurenSerializable<>).FullName!,
        [nameof(TurenContract.GeneratorName)] = typeof(FieldSerializerGenerator).Assembly.GetName().Name!,
        [nameof(TurenContract.GeneratorVersion)] = typeof(FieldSerializerGenerator).Assembly.GetName().Version!.ToString(3),
    };

    private static readonly Dictionary<string, object> Global = new(StringComparer.Ordinal)
    {
        [nameof(TurenContract.Global.Serializable)] = GlobalName(typeof(ITurenSerializable<>)),
        [nameof(TurenContract.Global.Binding)] = GlobalName(typeof(FieldBinding)),
        [nameof(TurenContract.Global.Json)] = GlobalName(typeof(FieldJson)),
        [nameof(TurenContract.Global.Hashing)] = GlobalName(typeof(FieldHashing)),
        [nameof(TurenContract.Global.HashedField)] = GlobalName(typeof(HashedField)),
        [nameof(TurenContract.Global.HashKind)] = GlobalName(typeof(HashKind)),
        [nameof(TurenContract.Global.Utf8JsonWriter)] = GlobalName(typeof(Utf8JsonWriter)),
        [nameof(TurenContract.Global.Utf8JsonReader)] = GlobalName(typeof(Utf8JsonReader)),
        [nameof(TurenContract.Global.JsonTokenType)] = GlobalName(typeof(JsonTokenType)),
        [nameof(TurenContract.Global.JsonEncodedText)] = GlobalName(typeof(JsonEncodedText)),
        [nameof(TurenContract.Global.List)] = GlobalName(typeof(List<>)),
        [nameof(TurenContract.Global.StringBuilder)] = GlobalName(typeof(StringBuilder)),
        [nameof(TurenContract.Global.GeneratedCodeAttribute)] =
            $"[{GlobalName(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute))[..^"Attribute".Length]}(\"{TurenContract.GeneratorName}\", \"{TurenContract.GeneratorVersion}\")]",
    };

    [Fact]
    public void Every_constant_names_what_the_runtime_declares()
    {
        AssertMatches(typeof(TurenContract), Contract);
        AssertMatches(typeof(TurenContract.Global), Global);
    }

    [Fact]
    public void Hash_kind_names_and_values_cover_the_enum()
    {
        Assert.Equal(
            [(TurenContract.HashKindKeyedName, TurenContract.HashKindKeyed), (TurenContract.HashKindPasswordName, TurenContract.HashKindPassword)],
            Enum.GetValues<HashKind>().Select(kind => (kind.ToString(), (int)kind)).Order());
    }

    [Fact]
    public void Attribute_full_name_knows_exactly_the_three_attributes()
    {
        Assert.Equal(TurenContract.EncryptedAttribute, TurenContract.AttributeFullName(nameof(EncryptedAttribute)));
        Assert.Equal(TurenContract.HashedAttribute, TurenContract.AttributeFullName(nameof(HashedAttribute)));
        Assert.Equal(TurenContract.EncryptionContextAttribute, TurenContract.AttributeFullName(nameof(EncryptionContextAttribute)));
        Assert.Null(TurenContract.AttributeFullName("Encrypted"));
        Assert.Null(TurenContract.AttributeFullName("EncryptedAttribute`1"));
        Assert.Null(TurenContract.AttributeFullName("encryptedattribute"));
        Assert.Null(TurenContract.AttributeFullName(nameof(HashKind)));
    }

    private static void AssertMatches(Type holder, Dictionary<string, object> expected)
    {
        Dictionary<string, object?> constants = holder
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.IsPublic)
            .ToDictionary(field => field.Name, field => field.GetRawConstantValue(), StringComparer.Ordinal);

        // A constant added to the contract without a check here fails too.
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), constants.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, object value) in expected)
        {
            Assert.True(Equals(value, constants[name]), $"{holder.Name}.{name} is '{constants[name]}', the runtime says '{value}'");
        }
    }

    // How generated code names a type: global::, namespace, name without generic arity.
    private static string GlobalName(Type type)
    {
        string name = type.FullName!;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return "global::" + (tick < 0 ? name : name[..tick]);
    }
}
