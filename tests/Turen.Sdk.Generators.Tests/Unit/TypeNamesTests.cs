using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Parsing;
using Turen.Sdk.Generators.Tests.Infrastructure;

namespace Turen.Sdk.Generators.Tests.Unit;

/// <summary>
/// The parser formats type names itself instead of calling <c>ToDisplayString</c> (the largest cost of parsing a type);
/// whatever it writes must be exactly what the display format would have written, and anything it cannot format must
/// fall back to it.
/// </summary>
public sealed class TypeNamesTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;

        namespace Contoso.Shapes
        {
            public enum Color : byte { Red }
            public sealed class Outer { public sealed class Inner { } public record struct Point(int X); }
            public sealed class Generic<T> { public sealed class Nested { } }
            public sealed class Holder<T>
            {
                public string Text { get; set; } = "";
                public string? MaybeText { get; set; }
                public int Number { get; set; }
                public int? MaybeNumber { get; set; }
                public object Any { get; set; } = new();
                public char Letter { get; set; }
                public bool Flag { get; set; }
                public byte Small { get; set; }
                public sbyte SignedSmall { get; set; }
                public short Short { get; set; }
                public ushort UShort { get; set; }
                public uint UInt { get; set; }
                public long Long { get; set; }
                public ulong ULong { get; set; }
                public float Single { get; set; }
                public double Double { get; set; }
                public decimal Money { get; set; }
                public DateTime When { get; set; }
                public DateTimeOffset? MaybeWhen { get; set; }
                public Guid Id { get; set; }
                public Guid? MaybeId { get; set; }
                public Nullable<TimeSpan> Span { get; set; }
                public byte[] Bytes { get; set; } = Array.Empty<byte>();
                public byte[]? MaybeBytes { get; set; }
                public string?[]? Strings { get; set; }
                public int[][] Jagged { get; set; } = Array.Empty<int[]>();
                public int[,] Grid { get; set; } = new int[0, 0];
                public List<string?> List { get; set; } = new();
                public IReadOnlyList<Outer.Inner>? Items { get; set; }
                public Dictionary<string, List<int?>> Map { get; set; } = new();
                public Color Paint { get; set; }
                public Color? MaybePaint { get; set; }
                public Outer.Inner Inner { get; set; } = new();
                public Outer.Point? Point { get; set; }
                public Generic<int>.Nested GenericNested { get; set; } = new();
                public T Parameter { get; set; } = default!;
                public (int A, string B) Tuple { get; set; }
                public IntPtr Pointer { get; set; }
                public nint NativeInt { get; set; }
                public UIntPtr UPointer { get; set; }
                public dynamic Dynamic { get; set; } = 0;
                public Func<int, string?> Function { get; set; } = _ => null;
                public @class.@record Escaped { get; set; } = new();
                public Missing Error { get; set; }
                public GlobalType Global { get; set; } = new();
            }
        }

        namespace @class { public sealed class @record { } }

        #nullable disable
        namespace Contoso.Oblivious { public sealed class Legacy { public string Text { get; set; } public List<string> Items { get; set; } } }
        #nullable enable

        public sealed class GlobalType { }
        """;

    private static readonly SymbolDisplayFormat NullableFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static IEnumerable<object[]> PropertyNames() =>
        Properties().Select(p => new object[] { p.ContainingType.Name + "." + p.Name });

    [Theory]
    [MemberData(nameof(PropertyNames))]
    public void Member_type_names_match_the_display_format(string property)
    {
        IPropertySymbol symbol = Properties().Single(p => p.ContainingType.Name + "." + p.Name == property);

        Assert.Equal(symbol.Type.ToDisplayString(NullableFormat), TypeNames.Display(symbol.Type));
    }

    [Fact]
    public void Type_and_namespace_names_match_the_display_format()
    {
        INamedTypeSymbol[] types = AllTypes(Compilation().Assembly.GlobalNamespace).ToArray();
        Assert.True(types.Length >= 10);

        foreach (INamedTypeSymbol type in types)
        {
            Assert.Equal(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), TypeNames.FullyQualified(type));
            Assert.Equal(type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(), TypeNames.Namespace(type.ContainingNamespace));
        }
    }

    private static IEnumerable<IPropertySymbol> Properties() =>
        AllTypes(Compilation().Assembly.GlobalNamespace).SelectMany(t => t.GetMembers().OfType<IPropertySymbol>());

    private static Compilation Compilation() => GeneratorHarness.CreateCompilation(Source);

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (INamedTypeSymbol type in ns.GetTypeMembers())
        {
            yield return type;
            foreach (INamedTypeSymbol nested in type.GetTypeMembers())
            {
                yield return nested;
            }
        }

        foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
        {
            foreach (INamedTypeSymbol type in AllTypes(child))
            {
                yield return type;
            }
        }
    }
}
