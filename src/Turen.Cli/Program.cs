using System;
using System.CommandLine;
using Turen.Cli;

// Exit codes: 0 success, 1 data not authentic / no key opens it / operation refused, 2 bad usage (see ExitCodes).
RootCommand root = new("turen: seal, open and inspect Turen session blobs; manage org keys and agent credentials.");
foreach (Command command in CommandCatalog.Create())
{
    root.Subcommands.Add(command);
}

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
    {
        Console.Error.WriteLine("turen: " + error.Message);
    }

    return ExitCodes.Usage;
}

return await parsed.InvokeAsync();
