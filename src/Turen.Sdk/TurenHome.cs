using System;
using System.IO;
using Turen.Sdk.IO;

namespace Turen.Sdk;

/// <summary>
/// The one Turen home folder: the local KEK file (<c>kek.key</c>), the embedded SQLite store (<c>turen.db</c>), the
/// API-key hash key (<c>apikey-hash.key</c>) and the agent state (<c>agent-state.bin</c>, its backup and
/// <c>machine.key</c>) all live in it. Chosen by an explicit path, else the <c>TUREN_HOME</c> environment variable, else
/// <c>~/.turen</c>.
/// </summary>
public sealed class TurenHome
{
    /// <summary>The environment variable that overrides the default home folder.</summary>
    public const string EnvironmentVariable = "TUREN_HOME";

    /// <summary>The file name of the local key-encryption key.</summary>
    public const string KeyFileName = "kek.key";

    /// <summary>The file name of the embedded key store database.</summary>
    public const string DatabaseFileName = "turen.db";

    /// <summary>The file name of the API-key hash key.</summary>
    public const string ApiKeyHashKeyFileName = "apikey-hash.key";

    private TurenHome(string path) => Path = path;

    /// <summary>The absolute path of the home folder.</summary>
    public string Path { get; }

    /// <summary>The path of the local KEK file.</summary>
    public string KeyFilePath => System.IO.Path.Combine(Path, KeyFileName);

    /// <summary>The path of the embedded SQLite database.</summary>
    public string DatabasePath => System.IO.Path.Combine(Path, DatabaseFileName);

    /// <summary>The path of the API-key hash key.</summary>
    public string ApiKeyHashKeyPath => System.IO.Path.Combine(Path, ApiKeyHashKeyFileName);

    /// <summary>The folder of the agent state (the home itself), for <see cref="Credentials.AgentStateStore"/>.</summary>
    public string AgentStateDirectory => Path;

    /// <summary>True when the folder exists and holds a KEK file.</summary>
    public bool IsInitialized => File.Exists(KeyFilePath);

    /// <summary>Resolves the home folder: <paramref name="explicitPath"/>, else <c>TUREN_HOME</c>, else <c>~/.turen</c>.</summary>
    /// <exception cref="InvalidOperationException">No path is given and no user profile folder is known.</exception>
    public static TurenHome Resolve(string? explicitPath = null)
    {
        string? chosen = !string.IsNullOrWhiteSpace(explicitPath)
            ? explicitPath
            : Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(chosen))
        {
            string profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(profile))
            {
                throw new InvalidOperationException($"No home folder is known; set {EnvironmentVariable} or pass --home.");
            }

            chosen = System.IO.Path.Combine(profile, ".turen");
        }

        return new TurenHome(System.IO.Path.GetFullPath(chosen));
    }

    /// <summary>Creates the folder (owner-only on Unix) if it does not exist; returns true when it was created.</summary>
    public bool EnsureCreated() => AtomicFile.EnsureOwnerOnlyDirectory(Path);

    /// <inheritdoc/>
    public override string ToString() => Path;
}
