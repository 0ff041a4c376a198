using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using Turen.Sdk.Testing;

namespace Turen.Sdk.Hardening.Tests.Faults;

/// <summary>
/// Stops and restarts a running <see cref="PostgresTestServer"/> with <c>pg_ctl</c>, from the outside: the data folder
/// comes from <c>SHOW data_directory</c> and the start options from the server's own <c>postmaster.opts</c>, so the
/// restarted server listens where the old one did.
/// </summary>
internal sealed class PostgresOutage
{
    private readonly string _dataDirectory;
    private readonly string _binDirectory;
    private string? _options;

    private PostgresOutage(string dataDirectory, string binDirectory)
    {
        _dataDirectory = dataDirectory;
        _binDirectory = binDirectory;
    }

    public static async Task<PostgresOutage> AttachAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW data_directory", connection);
        string directory = (string)(await command.ExecuteScalarAsync())!;
        return new PostgresOutage(directory, PostgresTestServer.FindBinDirectory()!);
    }

    /// <summary>Fast shutdown: open sessions are terminated, new connections are refused.</summary>
    public void Stop()
    {
        // postmaster.opts: the binary path followed by its quoted arguments, "-D" "<data>" first.
        string opts = File.ReadAllText(Path.Combine(_dataDirectory, "postmaster.opts")).Trim();
        string arguments = opts[(opts.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        _options = arguments.Replace($"\"-D\" \"{_dataDirectory}\"", string.Empty, StringComparison.Ordinal).Trim();
        PgCtl("-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop");
    }

    public void Start() =>
        PgCtl("-D", _dataDirectory, "-w", "-t", "60", "-l", Path.Combine(Path.GetDirectoryName(_dataDirectory)!, "restart.log"), "-o", _options ?? string.Empty, "start");

    private void PgCtl(params string[] arguments)
    {
        bool root = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        var start = new ProcessStartInfo(root ? "runuser" : Path.Combine(_binDirectory, "pg_ctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_dataDirectory)!,
        };
        if (root)
        {
            foreach (string prefix in new[] { "-u", "postgres", "--", Path.Combine(_binDirectory, "pg_ctl") })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', arguments)} exited with {process.ExitCode}: {stdout}{stderr}");
        }
    }
}
