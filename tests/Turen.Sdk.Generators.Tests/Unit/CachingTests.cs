using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Turen.Sdk.Generators.Tests.Infrastructure;

namespace Turen.Sdk.Generators.Tests.Unit;

/// <summary>Edits that do not touch annotated types must leave every step cached (Roslyn's incremental-generator cookbook).</summary>
public sealed class CachingTests
{
    [Fact]
    public void Unrelated_edit_leaves_every_step_and_output_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Sources.AgentRecord, Sources.Collections, Sources.HashedFirstAndInvalid, Sources.Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree unrelated = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(unrelated, unrelated.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Sources.Unrelated + "\npublic sealed class Added { public string Name { get; set; } = \"\"; }\n")));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in StepNames.All)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (IncrementalGeneratorRunStep run in result.TrackedSteps[step])
            {
                foreach ((object _, IncrementalStepRunReason reason) in run.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} was {reason}");
                }
            }
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_one_annotated_type_regenerates_only_that_type()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Sources.AgentRecord, Sources.Collections);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree agent = compilation.SyntaxTrees.First();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(agent, agent.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Sources.AgentRecord.Replace("public required string Hostname { get; init; }", "public required string Hostname { get; init; }\n    public int Port { get; init; }", System.StringComparison.Ordinal))));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        List<IncrementalStepRunReason> specReasons = result.TrackedSteps[StepNames.TypeSpecs].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, specReasons);
        Assert.Equal(2, specReasons.Count(r => r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached));
        Assert.Contains("Port", result.GeneratedSources.Single(s => s.HintName.Contains("AgentRecord", System.StringComparison.Ordinal)).SourceText.ToString(), System.StringComparison.Ordinal);
    }
}
