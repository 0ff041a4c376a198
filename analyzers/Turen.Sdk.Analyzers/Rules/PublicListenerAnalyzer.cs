using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Turen.Sdk.Analyzers.Config;
using Turen.Sdk.Analyzers.Operations;
using Turen.Sdk.Analyzers.Text;

namespace Turen.Sdk.Analyzers.Rules;

/// <summary>
/// TUR005: a server or socket that listens beyond loopback: IPAddress.Any/IPv6Any or another non-loopback address given
/// to a listener, port-only listener constructors, Kestrel's ListenAnyIP, and URL-based binding (UseUrls, urls settings,
/// --urls, ASPNETCORE_URLS, HttpListener prefixes, launchSettings) whose host is a wildcard, an IP beyond loopback or a DNS
/// name other than localhost. An IPEndPoint used only to receive (UdpClient.Receive(ref ep)) is not a listener.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PublicListenerAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the fix.</summary>
    public const string FixKey = "Fix";
    public const string UseLoopbackField = "UseLoopbackField";
    public const string UseListenLocalhost = "UseListenLocalhost";
    public const string UseLocalhostHost = "UseLocalhostHost";

    private static readonly string[] UrlSettingKeys = { "urls", "http_ports", "https_ports" };
    private static readonly string[] UrlEnvironmentVariables =
        { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.PublicListener);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = new KnownSymbols(start.Compilation);
            if (known.IPAddress is not null)
            {
                start.RegisterOperationAction(c => AnalyzeAddress(c, known), OperationKind.FieldReference, OperationKind.Invocation);
            }

            start.RegisterOperationAction(c => AnalyzeCreation((IObjectCreationOperation)c.Operation, known, c), OperationKind.ObjectCreation);
            start.RegisterOperationAction(c => AnalyzeInvocation((IInvocationOperation)c.Operation, known, c), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeArguments((IArrayInitializerOperation)c.Operation, c), OperationKind.ArrayInitializer);
            start.RegisterAdditionalFileAction(AnalyzeConfigFile);
        });
    }

    private static void AnalyzeAddress(OperationAnalysisContext context, KnownSymbols known)
    {
        IOperation operation = context.Operation;
        string? description = null;
        string? fix = null;
        if (operation is IFieldReferenceOperation field && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, known.IPAddress))
        {
            if (field.Field.Name is "Any" or "IPv6Any")
            {
                description = "IPAddress." + field.Field.Name;
                fix = UseLoopbackField;
            }
        }
        else if (operation is IInvocationOperation { TargetMethod.Name: "Parse", Arguments.Length: 1 } parse &&
                 SymbolEqualityComparer.Default.Equals(parse.TargetMethod.ContainingType, known.IPAddress) &&
                 ConstantStrings.TryGet(parse.Arguments[0].Value, out string address) && IsPublicAddress(address))
        {
            description = $"IPAddress '{address}'";
        }

        if (description is null)
        {
            return;
        }

        string? listener = ListenerReached(operation, known, depth: 0);
        if (listener is not null)
        {
            Report(context, operation.Syntax, fix, $"{description} given to {listener}");
        }
    }

    private static bool IsPublicAddress(string address)
    {
        string text = address.Trim();
        if (text.IndexOf(':') >= 0)
        {
            return !UrlHost.IsLoopbackAddress("[" + text.Trim('[', ']') + "]");
        }

        return UrlHost.TryParseDottedQuad(text, out byte first) && first != 127;
    }

    /// <summary>Follows an address (or the IPEndPoint made from it) to the listener API it is given to, if any.</summary>
    private static string? ListenerReached(IOperation value, KnownSymbols known, int depth)
    {
        if (depth > 2)
        {
            return null;
        }

        IOperation current = value;
        IOperation? parent = value.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IArgumentOperation argument when argument.Parent is IObjectCreationOperation creation:
                if (SymbolEqualityComparer.Default.Equals(creation.Type, known.IPEndPoint))
                {
                    return ListenerReached(creation, known, depth + 1) ?? LocalListenerReached(creation, known, depth);
                }

                return known.IsListenerType(creation.Type) ? creation.Type!.Name : null;
            case IArgumentOperation argument when argument.Parent is IInvocationOperation invocation:
                return known.IsListenerCall(invocation.TargetMethod) ? invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name : null;
            case ISimpleAssignmentOperation assignment when assignment.Value == current &&
                                                            assignment.Target is IPropertyReferenceOperation { Property.Name: "ListenEndPoint" } endPoint:
                return endPoint.Property.ContainingType.Name + ".ListenEndPoint";
            default:
                return null;
        }
    }

    // var endPoint = new IPEndPoint(IPAddress.Any, 80); listener = new TcpListener(endPoint);
    private static string? LocalListenerReached(IOperation endPointCreation, KnownSymbols known, int depth)
    {
        IOperation? parent = endPointCreation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return null;
        }

        IOperation root = declarator;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (IOperation operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, declarator.Symbol) &&
                ListenerReached(local, known, depth + 1) is { } listener)
            {
                return listener;
            }
        }

        return null;
    }

    private static void AnalyzeCreation(IObjectCreationOperation creation, KnownSymbols known, OperationAnalysisContext context)
    {
        IMethodSymbol? constructor = creation.Constructor;
        if (constructor is null || constructor.Parameters.Length == 0 || constructor.Parameters[0].Type.SpecialType != SpecialType.System_Int32)
        {
            return;
        }

        // TcpListener(int) and UdpClient(int[, AddressFamily]) bind every interface.
        if ((SymbolEqualityComparer.Default.Equals(creation.Type, known.TcpListener) && constructor.Parameters.Length == 1) ||
            SymbolEqualityComparer.Default.Equals(creation.Type, known.UdpClient))
        {
            Report(context, creation.Syntax, null, $"{creation.Type!.Name}(port) binds every interface and");
        }
    }

    private static void AnalyzeInvocation(IInvocationOperation invocation, KnownSymbols known, OperationAnalysisContext context)
    {
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol? type = method.ContainingType;
        if (type is null)
        {
            return;
        }

        if (method.Name == "Create" && SymbolEqualityComparer.Default.Equals(type, known.TcpListener))
        {
            Report(context, invocation.Syntax, null, "TcpListener.Create(port) binds every interface and");
            return;
        }

        if (method.Name == "ListenAnyIP" && type.Name == "KestrelServerOptions")
        {
            Report(context, invocation.Syntax, UseListenLocalhost, "ListenAnyIP");
            return;
        }

        if (invocation.Arguments.Length == 0)
        {
            return;
        }

        if (method.Name == "UseUrls")
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (IOperation element in initializer.ElementValues)
                    {
                        JudgeUrls(element, context, "UseUrls");
                    }
                }
                else
                {
                    JudgeUrls(argument.Value, context, "UseUrls");
                }
            }
        }
        else if (method.Name == "UseSetting" && invocation.Arguments.Length == 2 &&
                 ConstantStrings.TryGet(invocation.Arguments[0].Value, out string key) && IsOneOf(key, UrlSettingKeys))
        {
            JudgeSetting(key, invocation.Arguments[1].Value, context, $"UseSetting(\"{key}\")");
        }
        else if (method.Name == "SetEnvironmentVariable" && type.Name == "Environment" && invocation.Arguments.Length >= 2 &&
                 ConstantStrings.TryGet(invocation.Arguments[0].Value, out string variable) && IsOneOf(variable, UrlEnvironmentVariables))
        {
            JudgeSetting(variable, invocation.Arguments[1].Value, context, variable);
        }
        else if (method.Name is "Run" or "RunAsync" && type.Name == "WebApplication" && invocation.Arguments.Length == 1)
        {
            JudgeUrls(invocation.Arguments[0].Value, context, "WebApplication." + method.Name);
        }
        else if (method.Name == "Add" && invocation.Arguments.Length == 1 && IsUrlCollection(invocation.Instance, type))
        {
            JudgeUrls(invocation.Arguments[0].Value, context, type.Name == "HttpListenerPrefixCollection" ? "HttpListener.Prefixes" : "WebApplication.Urls");
        }
    }

    private static bool IsUrlCollection(IOperation? instance, INamedTypeSymbol type)
    {
        if (type.Name == "HttpListenerPrefixCollection")
        {
            return true;
        }

        return instance is IPropertyReferenceOperation { Property: { Name: "Urls" } urls } &&
               urls.ContainingType.Name is "WebApplication" or "IServerAddressesFeature";
    }

    private static void JudgeSetting(string key, IOperation value, OperationAnalysisContext context, string what)
    {
        if (key.EndsWith("PORTS", StringComparison.OrdinalIgnoreCase))
        {
            // Ports alone mean "every interface".
            if (ConstantStrings.TryGet(value, out string ports) && ports.Trim().Length > 0)
            {
                Report(context, value.Syntax, null, $"{what} (ports on every interface)");
            }

            return;
        }

        JudgeUrls(value, context, what);
    }

    // new[] { "--urls", "http://*:5000" } or "--urls=http://*:5000" given as command-line arguments.
    private static void AnalyzeArguments(IArrayInitializerOperation initializer, OperationAnalysisContext context)
    {
        ImmutableArray<IOperation> elements = initializer.ElementValues;
        for (int i = 0; i < elements.Length; i++)
        {
            if (!ConstantStrings.TryGet(elements[i], out string text))
            {
                continue;
            }

            if (text == "--urls" && i + 1 < elements.Length)
            {
                JudgeUrls(elements[i + 1], context, "--urls");
            }
            else if (text.StartsWith("--urls=", StringComparison.Ordinal) &&
                     ListenUrls.FindPublic(text.Substring(7), true, out _, out string host) >= 0)
            {
                Report(context, elements[i].Syntax, UseLocalhostHost, $"--urls with host '{host}'");
            }
        }
    }

    private static void JudgeUrls(IOperation value, OperationAnalysisContext context, string what)
    {
        if (ConstantStrings.TryGetPrefix(value, out string text, out bool complete) &&
            ListenUrls.FindPublic(text, complete, out _, out string host) >= 0)
        {
            Report(context, ConstantStrings.Unwrap(value).Syntax, UseLocalhostHost, $"{what} with host '{host}'");
        }
    }

    private static void AnalyzeConfigFile(AdditionalFileAnalysisContext context)
    {
        ConfigFile? file = ConfigFile.Get(context.AdditionalFile, context.CancellationToken);
        if (file is null)
        {
            return;
        }

        foreach (JsonEntry entry in file.Entries)
        {
            string? what = file.Kind == ConfigFileKind.LaunchSettings ? LaunchSettingsBinding(entry) : AppSettingsBinding(entry);
            if (what is null || entry.Value.Trim().Length == 0)
            {
                continue;
            }

            string value = entry.Value;
            int offset = 0;
            if (what == "commandLineArgs")
            {
                int at = value.IndexOf("--urls", StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                offset = at + 6;
                while (offset < value.Length && (value[offset] == '=' || value[offset] == ' ' || value[offset] == '"'))
                {
                    offset++;
                }

                int end = value.IndexOfAny(new[] { ' ', '"' }, offset);
                value = value.Substring(offset, (end < 0 ? value.Length : end) - offset);
            }

            if (what.EndsWith("ports", StringComparison.OrdinalIgnoreCase) || what.EndsWith("PORTS", StringComparison.Ordinal))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.PublicListener, file.LocationOf(entry.Span), $"'{what}' (ports on every interface)"));
                continue;
            }

            int found = ListenUrls.FindPublic(value, true, out int length, out string host);
            if (found >= 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.PublicListener,
                    file.LocationOf(entry.SpanOf(offset + found, length)),
                    $"'{what}' with host '{host}'"));
            }
        }
    }

    private static string? AppSettingsBinding(JsonEntry entry)
    {
        ImmutableArray<string> path = entry.Path;
        if (path.Length == 1 && IsOneOf(path[0], UrlSettingKeys))
        {
            return path[0];
        }

        if (path.Length == 4 && path[0].Equals("Kestrel", StringComparison.OrdinalIgnoreCase) &&
            path[1].Equals("Endpoints", StringComparison.OrdinalIgnoreCase) && path[3].Equals("Url", StringComparison.OrdinalIgnoreCase))
        {
            return "Kestrel:Endpoints:" + path[2] + ":Url";
        }

        return null;
    }

    private static string? LaunchSettingsBinding(JsonEntry entry)
    {
        ImmutableArray<string> path = entry.Path;
        if (path.Length < 3 || !path[0].Equals("profiles", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (path.Length == 3 && path[2].Equals("applicationUrl", StringComparison.OrdinalIgnoreCase))
        {
            return "applicationUrl";
        }

        if (path.Length == 3 && path[2].Equals("commandLineArgs", StringComparison.OrdinalIgnoreCase))
        {
            return "commandLineArgs";
        }

        if (path.Length == 4 && path[2].Equals("environmentVariables", StringComparison.OrdinalIgnoreCase) && IsOneOf(path[3], UrlEnvironmentVariables))
        {
            return path[3];
        }

        return null;
    }

    private static bool IsOneOf(string value, string[] candidates)
    {
        foreach (string candidate in candidates)
        {
            if (value.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void Report(OperationAnalysisContext context, SyntaxNode node, string? fix, string what)
    {
        ImmutableDictionary<string, string?> properties = fix is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(FixKey, fix);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.PublicListener, node.GetLocation(), properties, what));
    }

    private sealed class KnownSymbols
    {
        public KnownSymbols(Compilation compilation)
        {
            IPAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
            IPEndPoint = compilation.GetTypeByMetadataName("System.Net.IPEndPoint");
            TcpListener = compilation.GetTypeByMetadataName("System.Net.Sockets.TcpListener");
            UdpClient = compilation.GetTypeByMetadataName("System.Net.Sockets.UdpClient");
            Socket = compilation.GetTypeByMetadataName("System.Net.Sockets.Socket");
        }

        public INamedTypeSymbol? IPAddress { get; }

        public INamedTypeSymbol? IPEndPoint { get; }

        public INamedTypeSymbol? TcpListener { get; }

        public INamedTypeSymbol? UdpClient { get; }

        public INamedTypeSymbol? Socket { get; }

        public bool IsListenerType(ITypeSymbol? type) =>
            SymbolEqualityComparer.Default.Equals(type, TcpListener) || SymbolEqualityComparer.Default.Equals(type, UdpClient);

        public bool IsListenerCall(IMethodSymbol method) =>
            (method.Name == "Bind" && SymbolEqualityComparer.Default.Equals(method.ContainingType, Socket)) ||
            (method.Name == "Listen" && method.ContainingType?.Name == "KestrelServerOptions");
    }
}
