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
/// TUR003: an http:// or ws:// URL with a constant, non-loopback host that reaches a network API or is stored under an
/// address-like name. Mentions are not uses: XML namespaces, attribute arguments, comparisons and messages never reach a
/// sink, so they are never judged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CleartextHttpAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CleartextHttp);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = new KnownSymbols(start.Compilation);
            var options = new TurenOptions(start.Options);

            start.RegisterOperationAction(c => AnalyzeCreation((IObjectCreationOperation)c.Operation, known, options, c), OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeInvocation((IInvocationOperation)c.Operation, known, options, c), OperationKind.Invocation);
            start.RegisterOperationAction(
                c =>
                {
                    var assignment = (ISimpleAssignmentOperation)c.Operation;
                    string? name = ConstantStrings.TargetName(assignment.Target);
                    if (name is not null && NameKinds.IsAddressName(name))
                    {
                        JudgeStringStore(assignment.Value, options, c);
                    }
                },
                OperationKind.SimpleAssignment);
            start.RegisterOperationAction(
                c =>
                {
                    var declarator = (IVariableDeclaratorOperation)c.Operation;
                    IVariableInitializerOperation? initializer = declarator.GetVariableInitializer();
                    if (initializer is not null && NameKinds.IsAddressName(declarator.Symbol.Name))
                    {
                        JudgeStringStore(initializer.Value, options, c);
                    }
                },
                OperationKind.VariableDeclarator);
            start.RegisterOperationAction(
                c =>
                {
                    var initializer = (IFieldInitializerOperation)c.Operation;
                    if (initializer.InitializedFields.Length > 0 && NameKinds.IsAddressName(initializer.InitializedFields[0].Name))
                    {
                        JudgeStringStore(initializer.Value, options, c);
                    }
                },
                OperationKind.FieldInitializer);
            start.RegisterOperationAction(
                c =>
                {
                    var initializer = (IPropertyInitializerOperation)c.Operation;
                    if (initializer.InitializedProperties.Length > 0 && NameKinds.IsAddressName(initializer.InitializedProperties[0].Name))
                    {
                        JudgeStringStore(initializer.Value, options, c);
                    }
                },
                OperationKind.PropertyInitializer);
            start.RegisterAdditionalFileAction(c => AnalyzeConfigFile(c, options));
        });
    }

    private static readonly string[] CleartextSchemes = { "http://", "ws://" };

    /// <summary>Judges a URL string: true with scheme and host when it is cleartext to a remote host.</summary>
    internal static bool IsCleartextToRemote(IOperation value, Func<string, bool> isAllowedHost, out string scheme, out string host)
    {
        scheme = host = string.Empty;
        return ConstantStrings.MayStartWith(value, CleartextSchemes) &&
               ConstantStrings.TryGetPrefix(value, out string prefix, out bool complete) &&
               IsCleartextToRemote(prefix, 0, complete, isAllowedHost, out scheme, out host);
    }

    internal static bool IsCleartextToRemote(string text, int start, bool complete, Func<string, bool> isAllowedHost, out string scheme, out string host)
    {
        scheme = host = string.Empty;
        if (!(StartsWith(text, start, "http://") || StartsWith(text, start, "ws://")) ||
            !UrlHost.TryParse(text, start, complete, out UrlHost url))
        {
            return false;
        }

        // Wildcards are where a server binds (TUR005), identifier hosts name XML namespaces and schemas.
        if (UrlHost.IsLoopback(url.Host) || UrlHost.IsWildcard(url.Host) || UrlHost.IsIdentifierHost(url.Host) || isAllowedHost(url.Host))
        {
            return false;
        }

        scheme = url.Scheme;
        host = url.Host;
        return true;
    }

    private static bool StartsWith(string text, int start, string value) =>
        text.Length - start >= value.Length && string.Compare(text, start, value, 0, value.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static void Judge(IOperation value, TurenOptions options, OperationAnalysisContext context)
    {
        if (!ConstantStrings.MayStartWith(value, CleartextSchemes))
        {
            return;
        }

        SyntaxTree tree = value.Syntax.SyntaxTree;
        if (IsCleartextToRemote(value, h => options.IsAllowedHost(tree, h), out string scheme, out string host))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CleartextHttp, ConstantStrings.Unwrap(value).Syntax.GetLocation(), scheme, host));
        }
    }

    // A Uri-typed store is judged where the Uri is created; only strings are judged here.
    private static void JudgeStringStore(IOperation value, TurenOptions options, OperationAnalysisContext context)
    {
        if (ConstantStrings.Unwrap(value).Type?.SpecialType == SpecialType.System_String)
        {
            Judge(value, options, context);
        }
    }

    private static void AnalyzeCreation(IObjectCreationOperation creation, KnownSymbols known, TurenOptions options, OperationAnalysisContext context)
    {
        if (creation.Arguments.Length == 0 || creation.Type is not INamedTypeSymbol type)
        {
            return;
        }

        if (SymbolEqualityComparer.Default.Equals(type, known.Uri))
        {
            if (creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String && FlowsOnward(creation, known))
            {
                Judge(creation.Arguments[0].Value, options, context);
            }
        }
        else if (SymbolEqualityComparer.Default.Equals(type, known.HttpRequestMessage))
        {
            JudgeStringArguments(creation.Arguments, options, context);
        }
        else if (SymbolEqualityComparer.Default.Equals(type, known.UriBuilder))
        {
            if (creation.Arguments.Length == 1)
            {
                JudgeStringArguments(creation.Arguments, options, context);
            }
            else if (ConstantStrings.TryGet(creation.Arguments[0].Value, out string scheme) &&
                     (scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("ws", StringComparison.OrdinalIgnoreCase)) &&
                     ConstantStrings.TryGet(creation.Arguments[1].Value, out string host) &&
                     IsCleartextToRemote(scheme + "://" + host + "/", 0, true, h => options.IsAllowedHost(creation.Syntax.SyntaxTree, h), out string s, out string h2))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CleartextHttp, creation.Arguments[0].Value.Syntax.GetLocation(), s, h2));
            }
        }
    }

    private static void AnalyzeInvocation(IInvocationOperation invocation, KnownSymbols known, TurenOptions options, OperationAnalysisContext context)
    {
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol? type = method.ContainingType;
        if (type is null || invocation.Arguments.Length == 0)
        {
            return;
        }

        bool sink =
            (known.IsHttpClient(type) && IsHttpClientSend(method.Name)) ||
            (known.IsWebRequest(type) && method.Name is "Create" or "CreateHttp" or "CreateDefault") ||
            (type.Name == "GrpcChannel" && method.Name == "ForAddress") ||
            (type.Name == "HubConnectionBuilderHttpExtensions" && method.Name == "WithUrl");
        if (sink)
        {
            JudgeStringArguments(invocation.Arguments, options, context);
        }
    }

    private static bool IsHttpClientSend(string name) =>
        name.StartsWith("Get", StringComparison.Ordinal) || name.StartsWith("Post", StringComparison.Ordinal) ||
        name.StartsWith("Put", StringComparison.Ordinal) || name.StartsWith("Delete", StringComparison.Ordinal) ||
        name.StartsWith("Patch", StringComparison.Ordinal) || name.StartsWith("Send", StringComparison.Ordinal);

    private static void JudgeStringArguments(ImmutableArray<IArgumentOperation> arguments, TurenOptions options, OperationAnalysisContext context)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter &&
                (parameter.Name.IndexOf("uri", StringComparison.OrdinalIgnoreCase) >= 0 ||
                 parameter.Name.IndexOf("url", StringComparison.OrdinalIgnoreCase) >= 0 ||
                 parameter.Name.IndexOf("address", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                Judge(argument.Value, options, context);
            }
        }
    }

    /// <summary>A Uri that is passed on, stored or returned is used; one that is only compared or inspected is mentioned.</summary>
    private static bool FlowsOnward(IOperation creation, KnownSymbols known)
    {
        IOperation current = creation;
        IOperation? parent = creation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IArgumentOperation argument:
                return argument.Parameter is { } p && SymbolEqualityComparer.Default.Equals(p.Type, known.Uri) &&
                       argument.Parent is IInvocationOperation or IObjectCreationOperation &&
                       !(argument.Parent is IInvocationOperation invocation &&
                         invocation.TargetMethod.Name is "Equals" or "Compare" or "IsBaseOf" or "MakeRelativeUri" or "MakeRelative");
            case ISimpleAssignmentOperation assignment:
                return assignment.Value == current;
            case IVariableInitializerOperation:
            case IFieldInitializerOperation:
            case IPropertyInitializerOperation:
            case IReturnOperation:
                return true;
            default:
                return false;
        }
    }

    private static void AnalyzeConfigFile(AdditionalFileAnalysisContext context, TurenOptions options)
    {
        ConfigFile? file = ConfigFile.Get(context.AdditionalFile, context.CancellationToken);
        // launchSettings.json and Kestrel endpoints hold addresses a server binds (TUR005), not ones a client calls.
        if (file is null || file.Kind != ConfigFileKind.AppSettings)
        {
            return;
        }

        foreach (JsonEntry entry in file.Entries)
        {
            if (!entry.IsString || !NameKinds.IsAddressName(entry.Key) || IsKestrelEndpoint(entry))
            {
                continue;
            }

            string value = entry.Value.TrimStart();
            int start = entry.Value.Length - value.Length;
            if (IsCleartextToRemote(entry.Value, start, true, h => options.IsAllowedHost(context.AdditionalFile, h), out string scheme, out string host))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CleartextHttp, file.LocationOf(entry.SpanOf(start, value.Length)), scheme, host));
            }
        }
    }

    private static bool IsKestrelEndpoint(JsonEntry entry) =>
        entry.Path.Length >= 1 && entry.Path[0].Equals("Kestrel", StringComparison.OrdinalIgnoreCase);

    private sealed class KnownSymbols
    {
        private readonly INamedTypeSymbol? httpClient;
        private readonly INamedTypeSymbol? httpMessageInvoker;
        private readonly INamedTypeSymbol? webRequest;

        public KnownSymbols(Compilation compilation)
        {
            Uri = compilation.GetTypeByMetadataName("System.Uri");
            UriBuilder = compilation.GetTypeByMetadataName("System.UriBuilder");
            HttpRequestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
            httpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            httpMessageInvoker = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker");
            webRequest = compilation.GetTypeByMetadataName("System.Net.WebRequest");
        }

        public INamedTypeSymbol? Uri { get; }

        public INamedTypeSymbol? UriBuilder { get; }

        public INamedTypeSymbol? HttpRequestMessage { get; }

        public bool IsHttpClient(INamedTypeSymbol type) =>
            SymbolEqualityComparer.Default.Equals(type, httpClient) || SymbolEqualityComparer.Default.Equals(type, httpMessageInvoker) ||
            type.Name == "HttpClientJsonExtensions";

        public bool IsWebRequest(INamedTypeSymbol type) =>
            SymbolEqualityComparer.Default.Equals(type, webRequest) || type.Name == "HttpWebRequest";
    }
}
