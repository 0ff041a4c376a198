using System;

namespace Turen.Cli;

/// <summary>The command line or one of its files is unusable; the command exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
