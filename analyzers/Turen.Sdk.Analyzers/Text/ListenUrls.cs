using System;

namespace Turen.Sdk.Analyzers.Text;

/// <summary>Judges the URLs a server binds ("http://*:5000;https://localhost:5001"): which one, if any, reaches beyond loopback.</summary>
internal static class ListenUrls
{
    /// <summary>
    /// Returns the first URL of the list whose host binds beyond loopback, with its offset and length; -1 when none does.
    /// <paramref name="complete"/> false means the text is the constant prefix of a longer string.
    /// </summary>
    public static int FindPublic(string text, bool complete, out int length, out string host)
    {
        length = 0;
        host = string.Empty;
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOfAny(new[] { ';', ',', ' ' }, start);
            bool last = end < 0;
            if (last)
            {
                end = text.Length;
            }

            string url = text.Substring(start, end - start);
            if (url.Length > 0 && UrlHost.TryParse(url, 0, complete || !last, out UrlHost parsed) && IsPublic(url, parsed))
            {
                length = url.Length;
                host = parsed.Host;
                return start;
            }

            start = end + 1;
        }

        return -1;
    }

    /// <summary>Kestrel binds every interface for *, +, 0.0.0.0, [::], a non-loopback IP or any DNS name but localhost.</summary>
    public static bool IsPublic(string url, UrlHost parsed)
    {
        string host = parsed.Host;
        if (host == "localhost" || UrlHost.IsLoopbackAddress(host))
        {
            return false;
        }

        // http://unix:/run/app.sock and http://pipe:/name are Unix sockets and named pipes.
        if ((host == "unix" || host == "pipe") && url.IndexOf(host + ":/", parsed.HostStart, StringComparison.Ordinal) == parsed.HostStart)
        {
            return false;
        }

        return true;
    }
}
