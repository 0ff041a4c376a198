using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Turen.Sdk.Analyzers.Config;
using Turen.Sdk.Analyzers.Operations;
using Turen.Sdk.Analyzers.Options;
using Turen.Sdk.Analyzers.Text;

namespace Turen.Sdk.Analyzers.Rules;

/// <summary>
/// TUR002: a string constant with a known secret format anywhere, or a non-placeholder constant that reaches a secret sink
/// (a symbol or parameter named like a secret, key constructors, bearer headers). Strings that are names of secrets (header
/// names, config keys) and lookups from configuration are not constants at a sink, or mention the noun, and are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SecretLiteralAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SecretLiteral);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var options = new TurenOptions(start.Options);
            var known = new KnownSymbols(start.Compilation);

            start.RegisterOperationAction(
                c => AnalyzeConstant(c),
                OperationKind.Literal, OperationKind.Binary, OperationKind.InterpolatedString);
            start.RegisterOperationAction(
                c =>
                {
                    var assignment = (ISimpleAssignmentOperation)c.Operation;
                    ISymbol? target = ConstantStrings.TargetSymbol(assignment.Target);
                    if (target is not null && (IsSecretName(target.Name, c) || known.IsKeyProperty(target)))
                    {
                        JudgeSinkValue(assignment.Value, target.Name, c);
                    }
                },
                OperationKind.SimpleAssignment);
            start.RegisterOperationAction(
                c =>
                {
                    var declarator = (IVariableDeclaratorOperation)c.Operation;
                    IVariableInitializerOperation? initializer = declarator.GetVariableInitializer();
                    if (initializer is not null && IsSecretName(declarator.Symbol.Name, c))
                    {
                        JudgeSinkValue(initializer.Value, declarator.Symbol.Name, c);
                    }
                },
                OperationKind.VariableDeclarator);
            start.RegisterOperationAction(
                c =>
                {
                    var initializer = (IFieldInitializerOperation)c.Operation;
                    foreach (IFieldSymbol field in initializer.InitializedFields)
                    {
                        if (IsSecretName(field.Name, c))
                        {
                            JudgeSinkValue(initializer.Value, field.Name, c);
                            return;
                        }
                    }
                },
                OperationKind.FieldInitializer);
            start.RegisterOperationAction(
                c =>
                {
                    var initializer = (IPropertyInitializerOperation)c.Operation;
                    foreach (IPropertySymbol property in initializer.InitializedProperties)
                    {
                        if (IsSecretName(property.Name, c))
                        {
                            JudgeSinkValue(initializer.Value, property.Name, c);
                            return;
                        }
                    }
                },
                OperationKind.PropertyInitializer);
            start.RegisterOperationAction(c => AnalyzeArgument((IArgumentOperation)c.Operation, known, c), OperationKind.Argument);
            start.RegisterOperationAction(
                c =>
                {
                    var binary = (IBinaryOperation)c.Operation;
                    if (binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
                    {
                        JudgeComparison(binary.LeftOperand, binary.RightOperand, c);
                        JudgeComparison(binary.RightOperand, binary.LeftOperand, c);
                    }
                },
                OperationKind.Binary);
            start.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.Name == "Equals" && invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String)
                    {
                        if (invocation.Instance is not null && invocation.Arguments.Length > 0)
                        {
                            JudgeComparison(invocation.Instance, invocation.Arguments[0].Value, c);
                        }
                        else if (invocation.Instance is null && invocation.Arguments.Length >= 2)
                        {
                            JudgeComparison(invocation.Arguments[0].Value, invocation.Arguments[1].Value, c);
                            JudgeComparison(invocation.Arguments[1].Value, invocation.Arguments[0].Value, c);
                        }
                    }
                },
                OperationKind.Invocation);

            start.RegisterAdditionalFileAction(c => AnalyzeConfigFile(c, options));

            bool IsSecretName(string name, OperationAnalysisContext c) =>
                options.NounsFor(c.Operation.Syntax.SyntaxTree).EndsInSecretNoun(name);

            void JudgeSinkValue(IOperation value, string sinkName, OperationAnalysisContext c)
            {
                IOperation source = known.StripEncoding(ConstantStrings.Unwrap(value));
                if (!ConstantStrings.TryGet(source, out string text) || KnownSecretFormats.Find(text) is not null ||
                    ConnectionStrings.HasInlinePassword(text) ||
                    !SecretValues.LooksLikeSecretValue(text, options.NounsFor(c.Operation.Syntax.SyntaxTree)))
                {
                    return;
                }

                c.ReportDiagnostic(Diagnostic.Create(Descriptors.SecretLiteral, source.Syntax.GetLocation(), $"a constant value for '{sinkName}'"));
            }

            void JudgeComparison(IOperation symbolSide, IOperation constantSide, OperationAnalysisContext c)
            {
                string? name = ConstantStrings.TargetName(symbolSide);
                if (name is not null && IsSecretName(name, c) && constantSide.ConstantValue.HasValue)
                {
                    JudgeSinkValue(constantSide, name, c);
                }
            }

            void AnalyzeArgument(IArgumentOperation argument, KnownSymbols symbols, OperationAnalysisContext c)
            {
                IParameterSymbol? parameter = argument.Parameter;
                if (parameter is null || argument.ArgumentKind != ArgumentKind.Explicit)
                {
                    return;
                }

                if (IsSecretName(parameter.Name, c) || symbols.IsKeyParameter(parameter))
                {
                    JudgeSinkValue(argument.Value, parameter.Name, c);
                }
                else if (symbols.IsBearerParameter(parameter, argument.Parent as IObjectCreationOperation))
                {
                    JudgeSinkValue(argument.Value, "Authorization", c);
                }
            }
        });
    }

    private static void AnalyzeConstant(OperationAnalysisContext context)
    {
        IOperation operation = context.Operation;
        if (!ConstantStrings.TryGet(operation, out string text) || text.Length < 8 || HasConstantStringParent(operation))
        {
            return;
        }

        string? format = KnownSecretFormats.Find(text);
        if (format is null && ConnectionStrings.HasInlinePassword(text))
        {
            format = "a connection string with a password";
        }

        if (format is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SecretLiteral, operation.Syntax.GetLocation(), format));
        }
    }

    // Judge the largest folded constant once, not each literal inside it.
    private static bool HasConstantStringParent(IOperation operation)
    {
        IOperation? parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent is not null && parent.ConstantValue.HasValue && parent.ConstantValue.Value is string &&
               parent.Kind is OperationKind.Binary or OperationKind.InterpolatedString;
    }

    private static void AnalyzeConfigFile(AdditionalFileAnalysisContext context, TurenOptions options)
    {
        ConfigFile? file = ConfigFile.Get(context.AdditionalFile, context.CancellationToken);
        if (file is null)
        {
            return;
        }

        SecretNouns nouns = options.NounsFor(context.AdditionalFile);
        foreach (JsonEntry entry in file.Entries)
        {
            if (!entry.IsString)
            {
                continue;
            }

            string? format = KnownSecretFormats.Find(entry.Value);
            if (format is null && ConnectionStrings.HasInlinePassword(entry.Value))
            {
                format = "a connection string with a password";
            }

            if (format is null && nouns.EndsInSecretNoun(entry.Key) && SecretValues.LooksLikeSecretValue(entry.Value, nouns))
            {
                format = $"a value for key '{entry.Key}'";
            }

            if (format is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SecretLiteral, file.LocationOf(entry.Span), format));
            }
        }
    }

    private sealed class KnownSymbols
    {
        private readonly INamedTypeSymbol? encoding;
        private readonly INamedTypeSymbol? convert;
        private readonly INamedTypeSymbol? authenticationHeaderValue;

        public KnownSymbols(Compilation compilation)
        {
            encoding = compilation.GetTypeByMetadataName("System.Text.Encoding");
            convert = compilation.GetTypeByMetadataName("System.Convert");
            authenticationHeaderValue = compilation.GetTypeByMetadataName("System.Net.Http.Headers.AuthenticationHeaderValue");
        }

        /// <summary>Encoding.UTF8.GetBytes("...") and Convert.FromBase64String("...") carry the literal into a key.</summary>
        public IOperation StripEncoding(IOperation value)
        {
            if (value is IInvocationOperation { Arguments.Length: >= 1 } invocation)
            {
                INamedTypeSymbol? type = invocation.TargetMethod.ContainingType;
                bool encodes = (invocation.TargetMethod.Name == "GetBytes" && Inherits(type, encoding)) ||
                               (SymbolEqualityComparer.Default.Equals(type, convert) &&
                                invocation.TargetMethod.Name is "FromBase64String" or "FromHexString");
                if (encodes)
                {
                    return ConstantStrings.Unwrap(invocation.Arguments[0].Value);
                }
            }

            return value;
        }

        /// <summary>The key of HMAC, AES-GCM, ChaCha20-Poly1305 and friends, and SymmetricSecurityKey.</summary>
        public bool IsKeyParameter(IParameterSymbol parameter) =>
            parameter.Name == "key" && parameter.ContainingSymbol?.ContainingType is { } type && IsKeyType(type);

        public bool IsKeyProperty(ISymbol symbol) =>
            symbol is IPropertySymbol { Name: "Key" } property && IsKeyType(property.ContainingType);

        public bool IsBearerParameter(IParameterSymbol parameter, IObjectCreationOperation? creation)
        {
            if (creation is null || authenticationHeaderValue is null || parameter.Ordinal != 1 ||
                !SymbolEqualityComparer.Default.Equals(creation.Type, authenticationHeaderValue) || creation.Arguments.Length < 2)
            {
                return false;
            }

            return ConstantStrings.TryGet(creation.Arguments[0].Value, out string scheme) &&
                   (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) ||
                    scheme.Equals("Token", StringComparison.OrdinalIgnoreCase));
        }

        private static bool IsKeyType(INamedTypeSymbol type) =>
            type.Name == "SymmetricSecurityKey" || type.ContainingNamespace?.ToDisplayString() == "System.Security.Cryptography";

        private static bool Inherits(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
        {
            for (INamedTypeSymbol? t = type; t is not null && baseType is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
