using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Turen.Sdk.Analyzers.Config;
using Turen.Sdk.Analyzers.Text;

namespace Turen.Sdk.Analyzers.Rules;

/// <summary>
/// TUR004: a protocol below TLS 1.2 that flows into a setting, or a certificate validation callback whose every reachable
/// return is true. Reading, comparing or logging the enum is not a setting and is never reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeakTlsAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the fix: <see cref="UseStrongProtocols"/> or <see cref="RemoveOverride"/>.</summary>
    public const string FixKey = "Fix";
    public const string UseStrongProtocols = "UseTls12And13";
    public const string RemoveOverride = "RemoveOverride";

    /// <summary>Diagnostic property with the metadata name of the protocol enum.</summary>
    public const string EnumTypeKey = "EnumType";

    // Ssl2 | Ssl3 | Tls | Tls11 in both enums (SslProtocols.Default is Ssl3 | Tls).
    private const int WeakBits = 12 | 48 | 192 | 768;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.WeakTls);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = new KnownSymbols(start.Compilation);
            if (known.HasProtocolEnums)
            {
                start.RegisterOperationAction(
                    c =>
                    {
                        var assignment = (IAssignmentOperation)c.Operation;
                        if (assignment.Target is IPropertyReferenceOperation or IFieldReferenceOperation && known.IsProtocolEnum(assignment.Target.Type))
                        {
                            JudgeProtocol(assignment.Value, assignment.Target.Type!, c);
                        }
                    },
                    OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
                start.RegisterOperationAction(
                    c =>
                    {
                        var argument = (IArgumentOperation)c.Operation;
                        if (argument.Parameter is { } p && known.IsProtocolEnum(p.Type))
                        {
                            JudgeProtocol(argument.Value, p.Type, c);
                        }
                    },
                    OperationKind.Argument);
            }

            if (known.HasValidationTypes)
            {
                start.RegisterOperationAction(c => AnalyzeDelegate((IDelegateCreationOperation)c.Operation, known, c), OperationKind.DelegateCreation);
            }

            if (known.AcceptAnyValidator is not null)
            {
                start.RegisterOperationAction(
                    c =>
                    {
                        var reference = (IPropertyReferenceOperation)c.Operation;
                        if (SymbolEqualityComparer.Default.Equals(reference.Property, known.AcceptAnyValidator) &&
                            !(Parent(reference) is IBinaryOperation or IIsPatternOperation))
                        {
                            Report(c, reference.Syntax, RemoveOverride, null, "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator accepts every certificate");
                        }
                    },
                    OperationKind.PropertyReference);
            }

            start.RegisterAdditionalFileAction(AnalyzeConfigFile);
        });
    }

    private static void JudgeProtocol(IOperation value, ITypeSymbol enumType, OperationAnalysisContext context)
    {
        string? weak = FindWeakProtocol(value);
        if (weak is not null)
        {
            Report(context, value.Syntax, UseStrongProtocols, enumType, $"{enumType.Name}.{weak} (below TLS 1.2) is enabled; use the system default or Tls12 | Tls13");
        }
    }

    private static string? FindWeakProtocol(IOperation value)
    {
        if (value.ConstantValue.HasValue && value.ConstantValue.Value is int bits)
        {
            return (bits & WeakBits) == 0 ? null : WeakName(bits);
        }

        // A non-constant choice such as `legacy ? SslProtocols.Tls : SslProtocols.Tls12` still enables the weak member.
        foreach (IOperation operation in value.DescendantsAndSelf())
        {
            if (operation is IFieldReferenceOperation { Field: { HasConstantValue: true, ConstantValue: int fieldBits, ContainingType.TypeKind: TypeKind.Enum } field } &&
                (fieldBits & WeakBits) != 0 && !IsInsideComparison(operation, value))
            {
                return field.Name;
            }
        }

        return null;
    }

    private static bool IsInsideComparison(IOperation operation, IOperation root)
    {
        for (IOperation? o = operation.Parent; o is not null && o != root.Parent; o = o.Parent)
        {
            // `p == SslProtocols.Tls` reads the value; `p & ~SslProtocols.Tls11` switches the weak protocol off.
            if (o is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } || o is IIsPatternOperation ||
                o is IUnaryOperation { OperatorKind: UnaryOperatorKind.BitwiseNegation })
            {
                return true;
            }
        }

        return false;
    }

    private static string WeakName(int bits) =>
        (bits & 12) != 0 ? "Ssl2" : (bits & 48) != 0 ? "Ssl3" : (bits & 192) != 0 ? "Tls" : "Tls11";

    private static void AnalyzeDelegate(IDelegateCreationOperation creation, KnownSymbols known, OperationAnalysisContext context)
    {
        if (!known.IsValidationCallback(creation.Type))
        {
            return;
        }

        IOperation? body = creation.Target switch
        {
            IAnonymousFunctionOperation lambda => lambda.Body,
            IMethodReferenceOperation reference => BodyOf(reference.Method, context),
            _ => null,
        };

        if (body is not null && AcceptsEverything(body))
        {
            Report(context, creation.Target!.Syntax, RemoveOverride, null, "The certificate validation callback accepts every certificate");
        }
    }

    private static IOperation? BodyOf(IMethodSymbol method, OperationAnalysisContext context)
    {
        SemanticModel? model = context.Operation.SemanticModel;
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            // Only the tree already being analysed: asking the compilation for another tree's model is costly and discouraged.
            if (model is not null && reference.SyntaxTree == model.SyntaxTree &&
                model.GetOperation(reference.GetSyntax(context.CancellationToken), context.CancellationToken) is IMethodBodyOperation body)
            {
                return (IOperation?)body.BlockBody ?? body.ExpressionBody;
            }
        }

        return null;
    }

    /// <summary>Every return in the body (not in nested functions) is the constant true, and nothing throws.</summary>
    internal static bool AcceptsEverything(IOperation body)
    {
        var returns = new List<IReturnOperation>();
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            IOperation operation = pending.Pop();
            switch (operation)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation when operation != body:
                    continue;
                case IThrowOperation:
                    return false;
                case IReturnOperation r:
                    returns.Add(r);
                    break;
            }

            foreach (IOperation child in operation.ChildOperations)
            {
                pending.Push(child);
            }
        }

        if (returns.Count == 0)
        {
            return false;
        }

        foreach (IReturnOperation r in returns)
        {
            if (r.ReturnedValue is null || !r.ReturnedValue.ConstantValue.HasValue || r.ReturnedValue.ConstantValue.Value is not true)
            {
                return false;
            }
        }

        return true;
    }

    private static void AnalyzeConfigFile(AdditionalFileAnalysisContext context)
    {
        ConfigFile? file = ConfigFile.Get(context.AdditionalFile, context.CancellationToken);
        if (file is null || file.Kind != ConfigFileKind.AppSettings)
        {
            return;
        }

        foreach (JsonEntry entry in file.Entries)
        {
            if (!entry.IsString || !entry.Key.EndsWith("SslProtocols", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            int offset = 0;
            foreach (string part in entry.Value.Split(',', '|', ';'))
            {
                string name = part.Trim();
                if (name.Equals("Ssl2", StringComparison.OrdinalIgnoreCase) || name.Equals("Ssl3", StringComparison.OrdinalIgnoreCase) ||
                    name.Equals("Tls", StringComparison.OrdinalIgnoreCase) || name.Equals("Tls10", StringComparison.OrdinalIgnoreCase) ||
                    name.Equals("Tls11", StringComparison.OrdinalIgnoreCase) || name.Equals("Default", StringComparison.OrdinalIgnoreCase))
                {
                    int at = entry.Value.IndexOf(name, offset, StringComparison.Ordinal);
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.WeakTls,
                        file.LocationOf(entry.SpanOf(at, name.Length)),
                        $"SslProtocols '{name}' (below TLS 1.2) is configured for '{entry.Key}'"));
                }

                offset += part.Length + 1;
            }
        }
    }

    private static IOperation? Parent(IOperation operation)
    {
        IOperation? parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    private static void Report(OperationAnalysisContext context, SyntaxNode node, string fix, ITypeSymbol? enumType, string message)
    {
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(FixKey, fix);
        if (enumType is not null)
        {
            properties = properties.Add(EnumTypeKey, enumType.ToDisplayString());
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakTls, node.GetLocation(), properties, message));
    }

    private sealed class KnownSymbols
    {
        private readonly INamedTypeSymbol? sslProtocols;
        private readonly INamedTypeSymbol? securityProtocolType;
        private readonly INamedTypeSymbol? remoteCallback;
        private readonly INamedTypeSymbol? sslPolicyErrors;

        public KnownSymbols(Compilation compilation)
        {
            sslProtocols = compilation.GetTypeByMetadataName("System.Security.Authentication.SslProtocols");
            securityProtocolType = compilation.GetTypeByMetadataName("System.Net.SecurityProtocolType");
            remoteCallback = compilation.GetTypeByMetadataName("System.Net.Security.RemoteCertificateValidationCallback");
            sslPolicyErrors = compilation.GetTypeByMetadataName("System.Net.Security.SslPolicyErrors");
            INamedTypeSymbol? handler = compilation.GetTypeByMetadataName("System.Net.Http.HttpClientHandler");
            foreach (ISymbol member in handler?.GetMembers("DangerousAcceptAnyServerCertificateValidator") ?? ImmutableArray<ISymbol>.Empty)
            {
                AcceptAnyValidator = member as IPropertySymbol;
            }
        }

        public bool HasProtocolEnums => sslProtocols is not null || securityProtocolType is not null;

        public bool HasValidationTypes => remoteCallback is not null || sslPolicyErrors is not null;

        public IPropertySymbol? AcceptAnyValidator { get; }

        public bool IsProtocolEnum(ITypeSymbol? type) =>
            type is not null && (SymbolEqualityComparer.Default.Equals(type, sslProtocols) || SymbolEqualityComparer.Default.Equals(type, securityProtocolType));

        /// <summary>RemoteCertificateValidationCallback, or any bool-returning delegate that takes SslPolicyErrors (HttpClientHandler's Func).</summary>
        public bool IsValidationCallback(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate } named)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(named, remoteCallback))
            {
                return true;
            }

            IMethodSymbol? invoke = named.DelegateInvokeMethod;
            if (invoke is null || invoke.ReturnType.SpecialType != SpecialType.System_Boolean || sslPolicyErrors is null)
            {
                return false;
            }

            foreach (IParameterSymbol parameter in invoke.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, sslPolicyErrors))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
