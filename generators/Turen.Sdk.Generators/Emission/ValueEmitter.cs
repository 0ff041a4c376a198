using System;
using Global = Turen.Sdk.Shared.TurenContract.Global;
using Turen.Sdk.Generators.Model;

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
                w.WriteLine($"{Global.Json}.WriteString(writer, {value});");
                break;
            case ValueKind.Bytes:
                w.WriteLine($"{Global.Json}.WriteBytes(writer, {value});");
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
                w.WriteLine($"{Global.Json}.Write{KindName(type.Kind)}(writer, {value});");
                break;
            case ValueKind.Enum:
                w.WriteLine($"writer.WriteNumberValue(({Underlying(type.EnumUnderlying)}){value});");
                break;
            case ValueKind.Nullable:
                w.OpenBlock($"if ({value}.HasValue)");
                WriteValue(w, type.Element!, value + ".GetValueOrDefault()", member, index, depth + 1);
                w.CloseBlock();
                w.OpenBlock("else");
                w.WriteLine("writer.WriteNullValue();");
                w.CloseBlock();
                break;
            case ValueKind.Nested:
                if (type.IsValueTypeNested)
                {
                    w.WriteLine($"{Global.Json}.WriteNested<{type.NonNullableName}>(writer, {value}, in scope, {CSharpLiteral.String(member)}, {index});");
                }
                else
                {
                    w.OpenBlock($"if ({value} is {{ }} __nested{depth})");
                    w.WriteLine($"{Global.Json}.WriteNested<{type.NonNullableName}>(writer, __nested{depth}, in scope, {CSharpLiteral.String(member)}, {index});");
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
                WriteValue(w, type.Element!, "__item" + Digit(depth), member, "__index" + Digit(depth), depth + 1);
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
            w.OpenBlock($"if (reader.TokenType == {Global.JsonTokenType}.Null)");
            if (type.AllowsNull)
            {
                w.WriteLine($"{target} = null;");
            }
            else
            {
                w.WriteLine($"throw {Global.Json}.NullMember({CSharpLiteral.String(typeName)}, {CSharpLiteral.String(member)});");
            }

            w.CloseBlock();
            w.OpenBlock("else");
            w.WriteLine($"{Global.Json}.Expect(ref reader, {Global.JsonTokenType}.StartArray);");
            w.WriteLine($"var __list = new {Global.List}<{element.FullyQualifiedName}>();");
            w.OpenBlock($"while (reader.Read() && reader.TokenType != {Global.JsonTokenType}.EndArray)");
            w.BeginLine($"__list.Add(");
            WriteReadExpression(w, element, typeName, member, "__list.Count", "reader");
            w.EndLine(");");
            w.CloseBlock();
            if (type.Kind == ValueKind.Array)
            {
                w.WriteLine($"{target} = __list.ToArray();");
            }
            else
            {
                w.WriteLine($"{target} = __list;");
            }

            w.CloseBlock();
            return;
        }

        w.BeginLine($"{target} = ");
        WriteReadExpression(w, type, typeName, member, "-1", "reader");
        w.EndLine(";");
    }

    /// <summary>Writes, mid-line, an expression that reads a non-collection value from the reader variable <paramref name="reader"/>.</summary>
    public static void WriteReadExpression(SourceWriter w, TypeRef type, string typeName, string member, string index, string reader)
    {
        if (type.Kind == ValueKind.Nested && !type.IsValueTypeNested)
        {
            w.Write($"({reader}.TokenType == {Global.JsonTokenType}.Null ? ");
            if (type.AllowsNull)
            {
                w.Write("null");
            }
            else
            {
                w.Write($"throw {Global.Json}.NullMember({CSharpLiteral.String(typeName)}, {CSharpLiteral.String(member)})");
            }

            w.Write(" : ");
            WriteBareReadExpression(w, type, typeName, member, index, reader);
            w.Write(")");
        }
        else if (type.Kind is ValueKind.String or ValueKind.Bytes && !type.AllowsNull)
        {
            w.Write("(");
            WriteBareReadExpression(w, type, typeName, member, index, reader);
            w.Write($" ?? throw {Global.Json}.NullMember({CSharpLiteral.String(typeName)}, {CSharpLiteral.String(member)}))");
        }
        else
        {
            WriteBareReadExpression(w, type, typeName, member, index, reader);
        }
    }

    private static void WriteBareReadExpression(SourceWriter w, TypeRef type, string typeName, string member, string index, string reader)
    {
        switch (type.Kind)
        {
            case ValueKind.String:
                w.Write($"{Global.Json}.ReadString(ref {reader})");
                break;
            case ValueKind.Bytes:
                w.Write($"{Global.Json}.ReadBytes(ref {reader})");
                break;
            case ValueKind.DateOnly or ValueKind.TimeOnly or ValueKind.TimeSpan:
                w.Write($"{Global.Json}.Read{KindName(type.Kind)}(ref {reader})");
                break;
            case ValueKind.Enum:
                w.Write($"({type.NonNullableName}){reader}.Get{KindName(type.EnumUnderlying!.Value)}()");
                break;
            case ValueKind.Nullable:
                w.Write($"({reader}.TokenType == {Global.JsonTokenType}.Null ? null : ({type.FullyQualifiedName})");
                WriteReadExpression(w, type.Element!, typeName, member, index, reader);
                w.Write(")");
                break;
            case ValueKind.Nested:
                w.Write($"{Global.Json}.ReadNested<{type.NonNullableName}>(ref {reader}, in scope, {CSharpLiteral.String(member)}, {index})");
                break;
            case ValueKind.Array or ValueKind.List:
                throw new InvalidOperationException("Not a scalar kind " + type.Kind);
            default:
                // Boolean, numbers, Guid, DateTime, DateTimeOffset: the reader's own Get{Kind}().
                w.Write($"{reader}.Get{KindName(type.Kind)}()");
                break;
        }
    }

    /// <summary>Writes, mid-line, an expression converting a context value to a type <c>FieldBinding.AddContext</c> accepts.</summary>
    public static void WriteContextArgument(SourceWriter w, TypeRef type, string value, int index = -1)
    {
        string cast = type.Kind switch
        {
            ValueKind.String or ValueKind.Guid or ValueKind.Boolean => string.Empty,
            ValueKind.Byte or ValueKind.UInt16 or ValueKind.UInt32 or ValueKind.UInt64 => "(ulong)",
            ValueKind.Enum when type.EnumUnderlying is ValueKind.Byte or ValueKind.UInt16 or ValueKind.UInt32 or ValueKind.UInt64 => "(ulong)",
            _ => "(long)",
        };
        if (index < 0)
        {
            w.Write($"{cast}{value}");
        }
        else
        {
            w.Write($"{cast}{value}{index}");
        }
    }

    /// <summary>The kind's name as used in <c>Utf8JsonReader.Get*</c> and <c>FieldJson.Read*/Write*</c>, without <c>Enum.ToString</c>.</summary>
    private static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Boolean => "Boolean",
        ValueKind.Byte => "Byte",
        ValueKind.SByte => "SByte",
        ValueKind.Int16 => "Int16",
        ValueKind.UInt16 => "UInt16",
        ValueKind.Int32 => "Int32",
        ValueKind.UInt32 => "UInt32",
        ValueKind.Int64 => "Int64",
        ValueKind.UInt64 => "UInt64",
        ValueKind.Single => "Single",
        ValueKind.Double => "Double",
        ValueKind.Decimal => "Decimal",
        ValueKind.Guid => "Guid",
        ValueKind.DateTime => "DateTime",
        ValueKind.DateTimeOffset => "DateTimeOffset",
        ValueKind.DateOnly => "DateOnly",
        ValueKind.TimeOnly => "TimeOnly",
        ValueKind.TimeSpan => "TimeSpan",
        _ => throw new InvalidOperationException("No reader method for kind " + kind),
    };

    private static string Digit(int depth) => depth switch
    {
        0 => "0",
        1 => "1",
        _ => depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Underlying(ValueKind? kind) => kind switch
    {
        ValueKind.Byte or ValueKind.UInt16 or ValueKind.UInt32 => "uint",
        ValueKind.UInt64 => "ulong",
        ValueKind.Int64 => "long",
        _ => "int",
    };
}
