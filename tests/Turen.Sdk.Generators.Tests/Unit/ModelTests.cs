using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Model;
using Turen.Sdk.Generators.Tests.Infrastructure;

namespace Turen.Sdk.Generators.Tests.Unit;

/// <summary>The pipeline's models must be values: nothing that pins a compilation, and equal for equal input.</summary>
public sealed class ModelTests
{
    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(SemanticModel), typeof(SyntaxTree) };

    [Fact]
    public void No_symbol_syntax_compilation_or_location_is_reachable_from_any_step_output()
    {
        CSharpHarnessRun run = CSharpHarnessRun.Create(Sources.AgentRecord, Sources.Collections, "using Turen.Sdk.Annotations; public record Bad { [Encrypted] public int X { get; init; } }");
        // Only our named steps: Roslyn's own internal FAWMN steps legitimately carry the compilation.
        object[] outputs = StepNames.All.SelectMany(name => run.Result.TrackedSteps.TryGetValue(name, out var steps) ? steps : System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>.Empty).SelectMany(s => s.Outputs).Select(o => o.Value).ToArray();
        Assert.NotEmpty(outputs);
        Assert.Contains(outputs, o => o is ParseResult { Diagnostics.Count: > 0 });

        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (object output in outputs)
        {
            Walk(output, "output", visited);
        }

        Assert.True(visited.Count > 20, "the walk should have visited the model graph");
    }

    [Fact]
    public void Parsing_equal_sources_in_different_compilations_gives_equal_models()
    {
        ParseResult[] first = CSharpHarnessRun.Create(Sources.AgentRecord, Sources.Collections).ParseResults();
        ParseResult[] second = CSharpHarnessRun.Create(Sources.AgentRecord, Sources.Collections).ParseResults();

        Assert.Equal(3, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(first.Select(r => r.GetHashCode()), second.Select(r => r.GetHashCode()));
        Assert.NotEqual(first[0], first[1]);
    }

    [Fact]
    public void Each_model_type_compares_by_value()
    {
        var type = new TypeRef(ValueKind.String, "string", null, null, true);
        Assert.Equal(type, new TypeRef(ValueKind.String, "string", null, null, true));
        Assert.NotEqual(type, type with { AllowsNull = false });
        Assert.NotEqual(type with { Kind = ValueKind.Nested }, type with { Kind = ValueKind.Nested, IsValueTypeNested = true });

        var member = new MemberSpec("A", "a", type, Protection.Encrypted, false);
        Assert.Equal(member, new MemberSpec("A", "a", new TypeRef(ValueKind.String, "string", null, null, true), Protection.Encrypted, false));
        Assert.NotEqual(member, member with { Protection = Protection.HashedKeyed });

        var array = new[] { "x", "y" }.ToImmutableEquatableArrayForTest();
        Assert.Equal(array, new[] { "x", "y" }.ToImmutableEquatableArrayForTest());
        Assert.Equal(array.GetHashCode(), new[] { "x", "y" }.ToImmutableEquatableArrayForTest().GetHashCode());
        Assert.NotEqual(array, new[] { "y", "x" }.ToImmutableEquatableArrayForTest());

        var diagnostic = new DiagnosticInfo("TUR100", null, array);
        Assert.Equal(diagnostic, new DiagnosticInfo("TUR100", null, new[] { "x", "y" }.ToImmutableEquatableArrayForTest()));
        Assert.NotEqual(diagnostic, diagnostic with { Id = "TUR101" });
    }

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }

        Type type = value.GetType();
        foreach (Type forbidden in Forbidden)
        {
            Assert.False(forbidden.IsInstanceOfType(value), $"{path} is a {type.FullName}, which must not be in a generator model");
        }

        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence)
            {
                Walk(item, $"{path}[{i++}]", visited);
            }
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
                {
                    Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
                }
            }
        }
    }

    private sealed record CSharpHarnessRun(GeneratorRunResult Result)
    {
        public static CSharpHarnessRun Create(params string[] sources)
        {
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(sources));
            return new CSharpHarnessRun(driver.GetRunResult().Results.Single());
        }

        public ParseResult[] ParseResults() =>
            Result.TrackedSteps[StepNames.AnnotatedTypes].SelectMany(s => s.Outputs).Select(o => (ParseResult)o.Value).ToArray();
    }
}

internal static class EquatableArrayTestExtensions
{
    public static Turen.Sdk.Generators.Model.ImmutableEquatableArray<string> ToImmutableEquatableArrayForTest(this IEnumerable<string> values) => new(values);
}
