using System;
using System.CommandLine;
using Turen.Cli;

// Exit codes and messages: one table (ExitCodes.For) and one format (CommandFailures.Message) for every command.
RootCommand root = new("turen: seal, open and inspect Turen session blobs; manage org keys and agent credentials.");
foreach (Command command in CommandCatalog.Create())
{
    root.Subcommands.Add(command);
}

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    string command = CommandPath(parsed.CommandResult);
    foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
    {
        Console.Error.WriteLine(command.Length == 0 ? "turen: " + error.Message : CommandFailures.Message(command, error.Message));
    }

    return ExitCodes.Usage;
}

return await parsed.InvokeAsync();

// "org list" for `turen org list ...`; empty for the root command.
static string CommandPath(System.CommandLine.Parsing.CommandResult? result)
{
    var names = new System.Collections.Generic.List<string>();
    for (; result?.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
    {
        names.Insert(0, result.Command.Name);
    }

    return string.Join(' ', names);
}
