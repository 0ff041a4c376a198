using Microsoft.CodeAnalysis;

namespace Turen.Sdk.Analyzers;

/// <summary>
/// All descriptors in one place (after mapperly's DiagnosticDescriptors). Error by default: an error cannot be hidden by a
/// DiagnosticSuppressor, so only the user's own .editorconfig or a visible #pragma can relax a rule. Messages never carry
/// the secret or any part of it; the arguments are member names, categories and hosts.
/// </summary>
public static class Descriptors
{
    private const string Category = "Security";

    public static readonly DiagnosticDescriptor SecretMember = new(
        DiagnosticIds.SecretMember,
        title: "Secret held in plaintext by a persisted type",
        messageFormat: "'{0}' holds a secret in a persisted type '{1}' without [Encrypted] or [Hashed]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A serialized or stored type keeps a password, token, key or connection string in plaintext. Mark the member [Encrypted] (read back) or [Hashed] (only verified).",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SecretMember));

    public static readonly DiagnosticDescriptor SecretLiteral = new(
        DiagnosticIds.SecretLiteral,
        title: "Hard-coded secret literal",
        messageFormat: "Hard-coded secret: {0}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A secret is written into source or configuration. Read it from configuration, the environment or a secret store instead.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SecretLiteral));

    public static readonly DiagnosticDescriptor CleartextHttp = new(
        DiagnosticIds.CleartextHttp,
        title: "Cleartext HTTP to a remote host",
        messageFormat: "Cleartext '{0}' to remote host '{1}'; use https or wss",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Traffic to a host other than loopback over http:// or ws:// can be read and changed on the way.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.CleartextHttp));

    public static readonly DiagnosticDescriptor WeakTls = new(
        DiagnosticIds.WeakTls,
        title: "Weak TLS or disabled certificate validation",
        messageFormat: "{0}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Protocols below TLS 1.2 and certificate validation callbacks that accept everything remove the protection TLS gives.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.WeakTls));

    public static readonly DiagnosticDescriptor PublicListener = new(
        DiagnosticIds.PublicListener,
        title: "Listener bound beyond loopback",
        messageFormat: "{0} listens beyond loopback; bind to localhost or opt out explicitly",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A server or socket bound to all interfaces or to a non-loopback address is reachable from the network.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.PublicListener));
}
