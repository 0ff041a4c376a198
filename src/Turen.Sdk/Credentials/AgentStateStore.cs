using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using Turen.Sdk.IO;

namespace Turen.Sdk.Credentials;

/// <summary>
/// Reads and writes the agent's machine-bound state file. The file is encrypted with AES-256-GCM under a key derived with
/// HKDF-SHA-256 from a random machine secret (owner-only <c>machine.key</c>, DPAPI on Windows) and the machine's
/// identifier; every write is atomic, and a second copy (<c>agent-state.bak</c>) keeps the last good state should the
/// file be damaged later. Writers of one folder are serialised by a lock file, so concurrent rotations never lose one.
/// </summary>
/// <example>
/// <code>
/// var store = new AgentStateStore(TurenHome.Resolve().AgentStateDirectory);
/// using AgentState state = store.Exists ? store.Load() : store.Initialize();
/// client.DefaultRequestHeaders.Authorization = new("Bearer", state.Secret.Reveal());
/// </code>
/// </example>
public sealed class AgentStateStore
{
    /// <summary>The state file's name inside the directory.</summary>
    public const string StateFileName = "agent-state.bin";

    /// <summary>The backup's name: a second copy of the last good state, written after the state file.</summary>
    public const string BackupFileName = "agent-state.bak";

    private readonly IMachineIdentifierSource _identifiers;
    private readonly TimeProvider _time;

    /// <summary>Creates a store over <paramref name="directory"/> (created owner-only on first write).</summary>
    /// <param name="directory">Where the state file and the machine secret live: <see cref="TurenHome.AgentStateDirectory"/>.</param>
    /// <param name="identifiers">The machine identifier; the operating system's by default.</param>
    /// <param name="timeProvider">The clock for the file's dates.</param>
    public AgentStateStore(string directory, IMachineIdentifierSource? identifiers = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        _identifiers = identifiers ?? OperatingSystemMachineIdentifierSource.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Where earlier builds kept the agent state, apart from the Turen home: <c>$XDG_CONFIG_HOME/turen</c> or
    /// <c>~/.config/turen</c> on Linux and macOS, <c>%APPDATA%\turen</c> on Windows. Read once, by <see cref="TryMoveFrom"/>.
    /// </summary>
    public static string LegacyDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "turen");

    /// <summary>The folder of the state file, the backup and the machine secret.</summary>
    public string Directory { get; }

    /// <summary>The state file's full path.</summary>
    public string StatePath => Path.Combine(Directory, StateFileName);

    /// <summary>The backup's full path.</summary>
    public string BackupPath => Path.Combine(Directory, BackupFileName);

    /// <summary>True when a state file exists (it may still fail to open).</summary>
    public bool Exists => File.Exists(StatePath);

    /// <summary>
    /// Moves the agent state of <paramref name="directory"/> (state file, backup, machine secret) into this store's folder
    /// when that folder holds none of them, e.g. from <see cref="LegacyDirectory"/> into the Turen home. The state file
    /// moves last, so an interrupted move leaves the state where it was, still readable.
    /// </summary>
    /// <returns>True when the state was moved; false when <paramref name="directory"/> has no state, is this folder, or
    /// this folder already has agent files (then nothing is touched).</returns>
    public bool TryMoveFrom(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string source = Path.GetFullPath(directory);
        string[] names = { MachineSecretFile.FileName, BackupFileName, StateFileName };
        if (string.Equals(source.TrimEnd(Path.DirectorySeparatorChar), Directory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
            || !File.Exists(Path.Combine(source, StateFileName))
            || Array.Exists(names, name => File.Exists(Path.Combine(Directory, name))))
        {
            return false;
        }

        using StateWriterLock writers = StateWriterLock.Acquire(Directory);
        foreach (string name in names)
        {
            string from = Path.Combine(source, name);
            if (File.Exists(from))
            {
                // A move within one file system is a rename; across two it is a copy and a delete, still one file at a time.
                File.Move(from, Path.Combine(Directory, name));
            }
        }

        AtomicFile.FlushDirectory(Directory);
        return true;
    }

    /// <summary>
    /// Enrols the agent on this machine: writes a new state with <paramref name="secret"/> (a fresh one when null).
    /// </summary>
    /// <param name="secret">The secret to keep (the store takes ownership), or null to generate one.</param>
    /// <param name="settings">Initial settings.</param>
    /// <param name="environment">Live or test, when generating.</param>
    /// <param name="overwrite">Replace an existing state.</param>
    /// <exception cref="AgentStateException">A state exists and <paramref name="overwrite"/> is false.</exception>
    public AgentState Initialize(AgentSecret? secret = null, IReadOnlyDictionary<string, string>? settings = null, SecretEnvironment environment = SecretEnvironment.Live, bool overwrite = false)
    {
        using StateWriterLock writers = StateWriterLock.Acquire(Directory);
        if (Exists && !overwrite)
        {
            secret?.Dispose();
            throw new AgentStateException($"An agent state already exists at {StatePath}; pass overwrite (`--force`) to replace it.");
        }

        DateTimeOffset now = _time.GetUtcNow();
        var state = new AgentState(secret ?? AgentSecret.Generate(environment), settings ?? new Dictionary<string, string>(), 1, now, now);
        Write(state);
        return state;
    }

    /// <summary>Opens the state file.</summary>
    /// <exception cref="AgentStateNotFoundException">There is no state file.</exception>
    /// <exception cref="MachineMismatchException">The file belongs to another machine.</exception>
    /// <exception cref="AgentStateCorruptedException">The file is damaged; the backup holds the last good state.</exception>
    public AgentState Load()
    {
        if (!Exists)
        {
            throw new AgentStateNotFoundException(
                File.Exists(BackupPath)
                    ? $"There is no agent state file at {StatePath}, but a backup exists; restore it with `turen agent restore`."
                    : $"There is no agent state at {StatePath}; run `turen agent init`.");
        }

        return Open(StatePath, File.Exists(BackupPath) ? BackupPath : null);
    }

    /// <summary>Writes the state with new settings (same secret); returns the new state.</summary>
    public AgentState UpdateSettings(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using StateWriterLock writers = StateWriterLock.Acquire(Directory);
        using AgentState current = Load();
        var next = new AgentState(current.Secret.Clone(), settings, current.Generation + 1, current.CreatedAt, _time.GetUtcNow());
        Write(next);
        return next;
    }

    /// <summary>
    /// Replaces the secret with a fresh one in one atomic write: afterwards the file holds either the old secret or the new
    /// one, never neither.
    /// </summary>
    public AgentState Rotate()
    {
        using StateWriterLock writers = StateWriterLock.Acquire(Directory);
        using AgentState current = Load();
        var next = new AgentState(AgentSecret.Generate(current.Secret.Environment), current.Settings, current.Generation + 1, current.CreatedAt, _time.GetUtcNow());
        Write(next);
        return next;
    }

    /// <summary>Puts the backup (the last good state) back in place after the state file was damaged.</summary>
    /// <exception cref="AgentStateNotFoundException">There is no backup.</exception>
    /// <exception cref="AgentStateCorruptedException">The backup is damaged too.</exception>
    public AgentState RestoreBackup()
    {
        if (!File.Exists(BackupPath))
        {
            throw new AgentStateNotFoundException($"There is no backup at {BackupPath}.");
        }

        using StateWriterLock writers = StateWriterLock.Acquire(Directory);
        byte[] backup = File.ReadAllBytes(BackupPath);
        AgentState state = Open(BackupPath, null, backup);
        AtomicFile.Write(StatePath, backup);
        return state;
    }

    private AgentState Open(string path, string? backupPath, byte[]? content = null)
    {
        byte[] file = content ?? File.ReadAllBytes(path);
        byte[] machineSecret = MachineSecretFile.TryLoad(Directory)
            ?? throw new MachineMismatchException(
                $"Machine mismatch: the agent state file {path} exists but this machine's secret ({MachineSecretFile.FileName}) does not; " +
                "the file was copied from another machine or the machine secret was deleted. Enrol with `turen agent init --force`.");
        try
        {
            return AgentStateFileFormat.Decode(file, machineSecret, _identifiers.GetMachineIdentifier(), path, backupPath);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(machineSecret);
        }
    }

    private void Write(AgentState state)
    {
        AtomicFile.EnsureOwnerOnlyDirectory(Directory);
        byte[] machineSecret = MachineSecretFile.LoadOrCreate(Directory);
        try
        {
            byte[] file = AgentStateFileFormat.Encode(state, machineSecret, _identifiers.GetMachineIdentifier());
            // The state file first, then the same bytes as the backup: each step is an atomic replace, so a crash between
            // them leaves the new state in the file and the previous one in the backup, and afterwards both hold the
            // latest good state. A damaged state file therefore never costs more than `turen agent restore`.
            AtomicFile.Write(StatePath, file);
            AtomicFile.Write(BackupPath, file);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(machineSecret);
        }
    }
}
