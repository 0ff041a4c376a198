using System;

namespace Turen.Cli;

/// <summary>The command refuses what was asked (e.g. creating an org that exists); exit <see cref="ExitCodes.Refused"/>.</summary>
internal sealed class RefusedException : Exception
{
    public RefusedException(string message)
        : base(message)
    {
    }
}
