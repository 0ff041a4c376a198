using System.Collections.Generic;

namespace Turen.Sdk.Analyzers.Text;

/// <summary>Names that say a member or config key holds an address (Url, Uri, Endpoint, BaseAddress, Host).</summary>
internal static class NameKinds
{
    public static bool IsAddressName(string name)
    {
        if (!EndsWithIgnoreCase(name, "url") && !EndsWithIgnoreCase(name, "uri") && !EndsWithIgnoreCase(name, "endpoint") &&
            !EndsWithIgnoreCase(name, "host") && !EndsWithIgnoreCase(name, "address"))
        {
            return false;
        }

        List<string> words = IdentifierWords.Split(name);
        if (words.Count == 0)
        {
            return false;
        }

        // "NamespaceUri", "SchemaUrl", "XmlnsUri": identifiers that happen to be URLs.
        foreach (string word in words)
        {
            if (word is "namespace" or "schema" or "xmlns" or "ns" or "xsd" or "xsi")
            {
                return false;
            }
        }

        string last = words[words.Count - 1];
        if (last is "url" or "uri" or "endpoint" or "host")
        {
            return true;
        }

        return last is "baseaddress" || (last == "address" && words.Count >= 2 && words[words.Count - 2] == "base");
    }

    private static bool EndsWithIgnoreCase(string name, string suffix) =>
        name.Length >= suffix.Length && string.Compare(name, name.Length - suffix.Length, suffix, 0, suffix.Length, System.StringComparison.OrdinalIgnoreCase) == 0;
}
