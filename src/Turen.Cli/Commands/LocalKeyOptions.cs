using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;

namespace Turen.Cli.Commands;

/// <summary>The options of the commands that use the local key manager (<c>init</c>, <c>org</c>, org-mode <c>seal</c>/<c>open</c>, <c>demo</c>).</summary>
internal static class LocalKeyOptions
{
    public static Option<string?> Home() => new("--home")
    {
        Description = "The Turen home folder holding kek.key and turen.db (default: $TUREN_HOME, else ~/.turen).",
    };

    public static Option<string?> Org(string description) => new("--org") { Description = description };

    public static Argument<string> OrgArgument() => new("ORG") { Description = "The organization id ([A-Za-z0-9._-], up to 128 characters)." };

    /// <summary>Checks an org id given on the command line.</summary>
    public static string ValidOrg(string? org)
    {
        if (!OrgIds.IsValid(org))
        {
            throw new UsageException($"'{org}' is not a valid org id: use 1-{OrgIds.MaxLength} characters from [A-Za-z0-9._-], not starting with '.' or '-'");
        }

        return org!;
    }
}
