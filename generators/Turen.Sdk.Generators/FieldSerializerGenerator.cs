using Microsoft.CodeAnalysis;
using Turen.Sdk.Generators.Diagnostics;
using Turen.Sdk.Generators.Emission;
using Turen.Sdk.Generators.Model;
using Turen.Sdk.Generators.Parsing;

namespace Turen.Sdk.Generators;

/// <summary>
/// Emits a reflection-free JSON serializer (<c>ITurenSerializable&lt;T&gt;</c>) for every partial type with
/// <c>[Encrypted]</c>, <c>[Hashed]</c> or <c>[EncryptionContext]</c> members, and a <c>PrintMembers</c> that keeps those
/// members out of a record's <c>ToString</c>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FieldSerializerGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. Find annotated members and parse each containing type once into an equatable model.
        IncrementalValuesProvider<ParseResult> types = SyntaxProvider.AnnotatedTypes(context);

        // 2. Types without errors become source files ...
        IncrementalValuesProvider<TypeSpec> specs = types
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(StepNames.TypeSpecs);
        context.RegisterSourceOutput(specs, static (output, spec) => output.AddSource(spec.HintName, SerializerEmitter.Emit(spec)));

        // 3. ... and every violation becomes a TUR1xx diagnostic, on its own path so diagnostics never block caching of specs.
        IncrementalValuesProvider<DiagnosticInfo> diagnostics = types
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(StepNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, info) =>
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ById(info.Id), info.Location?.ToLocation(), System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object>(info.Arguments)))));
    }
}
