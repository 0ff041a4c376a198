using System;

namespace Turen.Cli;

/// <summary>Something the command needs from its environment is missing (e.g. an uninitialised home); exit <see cref="ExitCodes.Environment"/>.</summary>
internal sealed class EnvironmentException : Exception
{
    public EnvironmentException(string message)
        : base(message)
    {
    }
}
