namespace Turen.Sdk.Analyzers;

/// <summary>Every descriptor's help link is this prefix, the ID and ".md": the page lives at docs/diagnostics/{ID}.md.</summary>
public static class HelpLinks
{
    public const string DocsBaseUri = "https://github.com/turen/turen-sdk/blob/main/docs/diagnostics/";

    public static string For(string id) => DocsBaseUri + id + ".md";
}
