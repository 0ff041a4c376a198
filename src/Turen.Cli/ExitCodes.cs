using System;
using System.Data.Common;
using System.IO;
using Turen.Sdk.Credentials;
using Turen.Sdk.Envelope;
using Turen.Sdk.Keys;
using Turen.Sdk.Storage;

namespace Turen.Cli;

/// <summary>
/// The process exit codes and the one table that maps a failure to them, for every command (documented in the README).
/// <see cref="CommandFailures"/> applies it; nothing else decides an exit code.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Refused: the input is not authentic, no key opens it, verification failed, or the operation is not allowed.</summary>
    public const int Refused = 1;

    /// <summary>Usage: bad arguments or option values (including the content of a file given as an argument).</summary>
    public const int Usage = 2;

    /// <summary>Environment or infrastructure: a missing or unreadable file, an uninitialised home, an unreachable database, KMS unavailable, I/O.</summary>
    public const int Environment = 3;

    /// <summary>The exit code for <paramref name="failure"/>; null for an exception no command expects (a bug: it surfaces as it is).</summary>
    public static int? For(Exception failure) => failure switch
    {
        UsageException => Usage,
        RefusedException => Refused,
        EnvironmentException => Environment,
        InvalidSecretTokenException => Usage,
        ArgumentException => Usage,
        SessionBlobException => Refused,
        OrgKeyNotFoundException => Refused,
        KeyAccessDeniedException or KeyUnwrapException => Refused,
        KeyEncryptionKeyException => Environment,
        AgentStateNotFoundException or MachineIdentityUnavailableException => Environment,
        AgentStateException => Refused,
        SchemaNotReadyException or DbException => Environment,
        InvalidDataException => Environment,
        IOException or UnauthorizedAccessException => Environment,
        InvalidOperationException => Refused,
        _ => null,
    };
}
