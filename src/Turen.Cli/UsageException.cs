using System;

namespace Turen.Cli;

/// <summary>A bad argument or option value; the command exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
