using System;

namespace Turen.Sdk.Analyzers.Text;

/// <summary>Finds a non-empty, non-placeholder Password=/Pwd= in text shaped like a connection string (at least two key=value pairs).</summary>
internal static class ConnectionStrings
{
    public static bool HasInlinePassword(string text)
    {
        if (text.IndexOf('=') < 0 || text.IndexOf(';') < 0)
        {
            return false;
        }

        int pairs = 0;
        bool password = false;
        foreach (string part in text.Split(';'))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            string key = part.Substring(0, eq).Trim();
            string value = part.Substring(eq + 1).Trim().Trim('\'', '"');
            if (key.Length == 0 || key.IndexOf(' ') >= 0 && !key.Equals("User Id", StringComparison.OrdinalIgnoreCase) &&
                !key.Equals("Data Source", StringComparison.OrdinalIgnoreCase) && !key.Equals("Initial Catalog", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            pairs++;
            if ((key.Equals("Password", StringComparison.OrdinalIgnoreCase) || key.Equals("Pwd", StringComparison.OrdinalIgnoreCase)) &&
                !Placeholders.IsEmptyOrPlaceholder(value))
            {
                password = true;
            }
        }

        return password && pairs >= 2;
    }
}
