using System;
using System.Text.Json.Nodes;

namespace Turen.Sdk.Generators.Tests.Infrastructure;

/// <summary>Edits stored JSON the way an attacker with write access to the store would.</summary>
public static class JsonEdit
{
    public static string Get(string json, params string[] path) => Navigate(JsonNode.Parse(json)!, path)!.GetValue<string>();

    public static string Set(string json, string value, params string[] path)
    {
        JsonNode root = JsonNode.Parse(json)!;
        JsonNode parent = Navigate(root, path[..^1])!;
        string last = path[^1];
        if (parent is JsonArray array)
        {
            array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[last] = value;
        }

        return root.ToJsonString();
    }

    public static byte[] DecodeBase64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));

    public static string EncodeBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonNode? Navigate(JsonNode node, string[] path)
    {
        JsonNode? current = node;
        foreach (string step in path)
        {
            current = current is JsonArray array ? array[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)] : current![step];
        }

        return current;
    }
}
