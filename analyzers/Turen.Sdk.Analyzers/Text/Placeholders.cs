namespace Turen.Sdk.Analyzers.Text;

/// <summary>Values that stand for a secret without being one: ${NAME}, %NAME%, &lt;your-key&gt;, {0}, ****, xxxx.</summary>
internal static class Placeholders
{
    public static bool IsEmptyOrPlaceholder(string value)
    {
        string v = value.Trim();
        if (v.Length == 0)
        {
            return true;
        }

        if (IsWrapped(v, "${", "}") || IsWrapped(v, "%", "%") || IsWrapped(v, "<", ">") || IsWrapped(v, "{", "}") ||
            IsWrapped(v, "$(", ")") || IsWrapped(v, "[", "]"))
        {
            return true;
        }

        return IsAll(v, '*') || IsAllX(v) || IsAll(v, '.') || IsAll(v, '-') || IsAll(v, '#');
    }

    private static bool IsWrapped(string v, string open, string close) =>
        v.Length > open.Length + close.Length - 1 && v.StartsWith(open, System.StringComparison.Ordinal) &&
        v.EndsWith(close, System.StringComparison.Ordinal) && v.IndexOf(close, open.Length, System.StringComparison.Ordinal) == v.Length - close.Length;

    private static bool IsAll(string v, char c)
    {
        foreach (char ch in v)
        {
            if (ch != c)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllX(string v)
    {
        foreach (char ch in v)
        {
            if (ch != 'x' && ch != 'X')
            {
                return false;
            }
        }

        return true;
    }
}
