namespace Turen.Cli;

/// <summary>The process exit codes every command uses.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input is not authentic, no key opens it, or the operation was refused.</summary>
    public const int Failure = 1;

    /// <summary>The command line or its files are unusable (bad option, missing key file, ...).</summary>
    public const int Usage = 2;
}
