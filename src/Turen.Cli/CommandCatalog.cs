using System.Collections.Generic;
using System.CommandLine;

namespace Turen.Cli;

/// <summary>Every top-level command of <c>turen</c>; each lives in its own file under Commands/.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create()
    {
        // One line per command group, in the order `turen --help` lists them.
        yield return Commands.DemoCommand.Create();
        yield return Commands.InitCommand.Create();
        yield return Commands.OrgCommand.Create();
        yield return Commands.SealCommand.Create();
        yield return Commands.OpenCommand.Create();
        yield return Commands.InspectCommand.Create();
        yield return Commands.AgentCommand.Create();
        yield return Commands.ApiKeyCommand.Create();
    }
}
