using System;
using Turen.Sdk.Generators.Model;
using Turen.Sdk.Generators.Shared;

namespace Turen.Sdk.Generators.Emission;

/// <summary>Writes the statements that write one value and the expressions that read one, per <see cref="ValueKind"/>.</summary>
internal static class ValueEmitter
{
    /// <summary>Writes the statements that write <paramref name="value"/> (the writer has just written the property name).</summary>
    public static void WriteValue(SourceWriter w, TypeRef type, string value, string member, string index, int depth)
    {
        switch (type.Kind)
        {
            case ValueKind.String:
                w.WriteLine($"{Names.Json}.WriteString(writer, {value});");
                break;
            case ValueKind.Bytes:
                w.WriteLine($"{Names.Json}.WriteBytes(writer, {value});");
                break;
            case ValueKind.Boolean:
                w.WriteLine($"writer.WriteBooleanValue({value});");
                break;
            case ValueKind.SByte or ValueKind.Int16:
                w.WriteLine($"writer.WriteNumberValue((int){value});");
                break;
            case ValueKind.Byte or ValueKind.UInt16:
                w.WriteLine($"writer.WriteNumberValue((uint){value});");
                break;
            case ValueKind.Int32 or ValueKind.UInt32 or ValueKind.Int64 or ValueKind.UInt64 or ValueKind.Single or ValueKind.Double or ValueKind.Decimal:
                w.WriteLine($"writer.WriteNumberValue({value});");
                break;
            case ValueKind.Guid or ValueKind.DateTime or ValueKind.DateTimeOffset:
                w.WriteLine($"writer.WriteStringValue({value});");
                break;
            case ValueKind.DateOnly or ValueKind.TimeOnly or ValueKind.TimeSpan:
                w.WriteLine($"{Names.Json}.Write{type.Kind}(writer, {value});");
                break;
            case ValueKind.Enum:
                w.WriteLine($"writer.WriteNumberValue(({Underlying(type.EnumUnderlying)}){value});");
                break;
            case ValueKind.Nullable:
                w.OpenBlock($"if ({value}.HasValue)");
                WriteValue(w, type.Element!, $"{value}.GetValueOrDefault()", member, index, depth + 1);
                w.CloseBlock();
                w.OpenBlock("else");
                w.WriteLine("writer.WriteNullValue();");
                w.CloseBlock();
                break;
            case ValueKind.Nested:
                if (type.IsValueTypeNested)
                {
                    w.WriteLine($"{Names.Serializer}.WriteNested<{type.NonNullableName}>(writer, {value}, in scope, {CSharpLiteral.String(member)}, {index});");
                }
                else
                {
                    w.OpenBlock($"if ({value} is {{ }} __nested{depth})");
                    w.WriteLine($"{Names.Serializer}.WriteNested<{type.NonNullableName}>(writer, __nested{depth}, in scope, {CSharpLiteral.String(member)}, {index});");
                    w.CloseBlock();
                    w.OpenBlock("else");
                    w.WriteLine("writer.WriteNullValue();");
                    w.CloseBlock();
                }

                break;
            case ValueKind.Array or ValueKind.List:
                w.OpenBlock($"if ({value} is {{ }} __items{depth})");
                w.WriteLine("writer.WriteStartArray();");
                w.WriteLine($"int __index{depth} = 0;");
                w.OpenBlock($"foreach (var __item{depth} in __items{depth})");
                WriteValue(w, type.Element!, $"__item{depth}", member, $"__index{depth}", depth + 1);
                w.WriteLine($"__index{depth}++;");
                w.CloseBlock();
                w.WriteLine("writer.WriteEndArray();");
                w.CloseBlock();
                w.OpenBlock("else");
                w.WriteLine("writer.WriteNullValue();");
                w.CloseBlock();
                break;
            default:
                throw new InvalidOperationException("Unknown kind " + type.Kind);
        }
    }

    /// <summary>
    /// Writes statements that read the current value (the reader is on its first token) into <paramref name="target"/>;
    /// <paramref name="typeName"/>/<paramref name="member"/> name errors.
    /// </summary>
    public static void ReadValue(SourceWriter w, TypeRef type, string target, string typeName, string member)
    {
        if (type.Kind is ValueKind.Array or ValueKind.List)
        {
            TypeRef element = type.Element!;
            w.OpenBlock($"if (reader.TokenType == {Names.TokenType}.Null)");
            w.WriteLine(type.AllowsNull ? $"{target} = null;" : $"throw {Names.Json}.NullMember({CSharpLiteral.String(typeName)}, {CSharpLiteral.String(member)});");
            w.CloseBlock();
            w.OpenBlock("else");
            w.WriteLine($"{Names.Json}.Expect(ref reader, {Names.TokenType}.StartArray);");
            w.WriteLine($"var __list = new {Names.List}<{element.FullyQualifiedName}>();");
            w.OpenBlock($"while (reader.Read() && reader.TokenType != {Names.TokenType}.EndArray)");
            w.WriteLine($"__list.Add({ReadExpression(element, typeName, member, "__list.Count")});");
            w.CloseBlock();
            w.WriteLine(type.Kind == ValueKind.Array ? $"{target} = __list.ToArray();" : $"{target} = __list;");
            w.CloseBlock();
            return;
        }

        w.WriteLine($"{target} = {ReadExpression(type, typeName, member, "-1")};");
    }

    /// <summary>An expression that reads a non-collection value.</summary>
    public static string ReadExpression(TypeRef type, string typeName, string member, string index)
    {
        string expression = type.Kind switch
        {
            ValueKind.String => $"{Names.Json}.ReadString(ref reader)",
            ValueKind.Bytes => $"{Names.Json}.ReadBytes(ref reader)",
            ValueKind.Boolean => "reader.GetBoolean()",
            ValueKind.Byte => "reader.GetByte()",
            ValueKind.SByte => "reader.GetSByte()",
            ValueKind.Int16 => "reader.GetInt16()",
            ValueKind.UInt16 => "reader.GetUInt16()",
            ValueKind.Int32 => "reader.GetInt32()",
            ValueKind.UInt32 => "reader.GetUInt32()",
            ValueKind.Int64 => "reader.GetInt64()",
            ValueKind.UInt64 => "reader.GetUInt64()",
            ValueKind.Single => "reader.GetSingle()",
            ValueKind.Double => "reader.GetDouble()",
            ValueKind.Decimal => "reader.GetDecimal()",
            ValueKind.Guid => "reader.GetGuid()",
            ValueKind.DateTime => "reader.GetDateTime()",
            ValueKind.DateTimeOffset => "reader.GetDateTimeOffset()",
            ValueKind.DateOnly or ValueKind.TimeOnly or ValueKind.TimeSpan => $"{Names.Json}.Read{type.Kind}(ref reader)",
            ValueKind.Enum => $"({type.NonNullableName})reader.Get{type.EnumUnderlying}()",
            ValueKind.Nullable => $"(reader.TokenType == {Names.TokenType}.Null ? null : ({type.FullyQualifiedName}){ReadExpression(type.Element!, typeName, member, index)})",
            ValueKind.Nested => $"{Names.Serializer}.ReadNested<{type.NonNullableName}>(ref reader, in scope, {CSharpLiteral.String(member)}, {index})",
            _ => throw new InvalidOperationException("Not a scalar kind " + type.Kind),
        };

        if (type.Kind == ValueKind.Nested && !type.IsValueTypeNested)
        {
            expression = type.AllowsNull
                ? $"(reader.TokenType == {Names.TokenType}.Null ? null : {expression})"
                : $"(reader.TokenType == {Names.TokenType}.Null ? throw {Names.Json}.NullMember({CSharpLiteral.String(typeName)}, {CSharpLiteral.String(member)}) : {expression})";
        }
        else if (type.Kind is ValueKind.String or ValueKind.Bytes && !type.AllowsNull)
        {
            expression = $"({expression} ?? throw {Names.Json}.NullMember({CSharpLiteral.String(typeName)}, {CSharpLiteral.String(member)}))";
        }

        return expression;
    }

    /// <summary>An expression converting a context value to a type <c>FieldScope.AddContext</c> accepts.</summary>
    public static string ContextArgument(TypeRef type, string value) => type.Kind switch
    {
        ValueKind.String or ValueKind.Guid or ValueKind.Boolean => value,
        ValueKind.Byte or ValueKind.UInt16 or ValueKind.UInt32 or ValueKind.UInt64 => $"(ulong){value}",
        ValueKind.Enum when type.EnumUnderlying is ValueKind.Byte or ValueKind.UInt16 or ValueKind.UInt32 or ValueKind.UInt64 => $"(ulong){value}",
        _ => $"(long){value}",
    };

    private static string Underlying(ValueKind? kind) => kind switch
    {
        ValueKind.Byte or ValueKind.UInt16 or ValueKind.UInt32 => "uint",
        ValueKind.UInt64 => "ulong",
        ValueKind.Int64 => "long",
        _ => "int",
    };
}
