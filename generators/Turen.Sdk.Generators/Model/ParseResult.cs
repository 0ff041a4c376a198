
namespace Turen.Sdk.Generators.Model;

/// <summary>What parsing one annotated type yields: a spec to emit (null when an error prevents it) and its diagnostics.</summary>
internal sealed record ParseResult(string TypeKey, TypeSpec? Spec, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);
