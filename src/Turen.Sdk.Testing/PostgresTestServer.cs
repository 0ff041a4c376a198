using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Turen.Sdk.Testing;

/// <summary>
/// A throw-away PostgreSQL server for tests: <c>initdb</c> in a temporary folder, <c>pg_ctl start</c> on a free
/// loopback port, <c>pg_ctl stop</c> and folder removal on dispose. Process control only (no database driver here), so
/// any test project can link it. As root the server runs as the <c>postgres</c> user, since PostgreSQL refuses root.
/// </summary>
public sealed class PostgresTestServer : IDisposable
{
    /// <summary>Where the server binaries are looked for (PG_BINDIR overrides).</summary>
    public static readonly string[] BinDirectoryCandidates =
    {
        "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/14/bin",
    };

    private readonly string _root;
    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;
    private int _disposed;

    private PostgresTestServer(string root, string binDirectory, bool asPostgresUser, int port)
    {
        _root = root;
        _binDirectory = binDirectory;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string for database <paramref name="database"/> as the trusted superuser <c>postgres</c>.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=30;Command Timeout=60";

    /// <summary>The folder holding the server binaries, or null when none is installed.</summary>
    public static string? FindBinDirectory()
    {
        string? configured = Environment.GetEnvironmentVariable("PG_BINDIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        foreach (string candidate in BinDirectoryCandidates)
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Null when a server can be started here; otherwise why not.</summary>
    public static string? UnavailableReason()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return "PostgreSQL test servers are started on Linux and macOS only.";
        }

        if (FindBinDirectory() is null)
        {
            return "PostgreSQL server binaries (initdb, pg_ctl) are not installed; run .ci/install-tools.";
        }

        if (IsRoot && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            return "Running as root needs runuser to start PostgreSQL as the postgres user.";
        }

        return null;
    }

    private static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>Initialises and starts a server; throws with the server log when it does not come up.</summary>
    public static PostgresTestServer Start()
    {
        string bin = FindBinDirectory() ?? throw new InvalidOperationException(UnavailableReason());
        Exception? last = null;
        // A free port can be taken between probing and binding; a couple of attempts make that race harmless.
        for (int attempt = 0; attempt < 3; attempt++)
        {
            string root = Path.Combine(Path.GetTempPath(), "turen-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(root);
            var server = new PostgresTestServer(root, bin, IsRoot, FreeLoopbackPort());
            try
            {
                server.InitAndStart();
                return server;
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
                server.Dispose();
            }
        }

        throw new InvalidOperationException("PostgreSQL test server did not start.", last);
    }

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        Run("createdb", $"-h 127.0.0.1 -p {Port} -U postgres {name}", TimeSpan.FromSeconds(60));
        return ConnectionString(name);
    }

    /// <summary>Stops the server (immediate shutdown) and deletes its folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                Run("pg_ctl", $"-D \"{DataDirectory}\" -m immediate -w -t 30 stop", TimeSpan.FromSeconds(60), throwOnError: false);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing a test run for.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private string DataDirectory => Path.Combine(_root, "data");

    private void InitAndStart()
    {
        if (_asPostgresUser)
        {
            Exec("chown", $"-R postgres:postgres \"{_root}\"", TimeSpan.FromSeconds(30), throwOnError: true);
        }

        Run("initdb", $"-D \"{DataDirectory}\" -U postgres -A trust -E UTF8 --no-sync --no-instructions", TimeSpan.FromSeconds(120));
        string options = $"-p {Port} -c listen_addresses=127.0.0.1 -k '{_root}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        string log = Path.Combine(_root, "server.log");
        try
        {
            Run("pg_ctl", $"-D \"{DataDirectory}\" -l \"{log}\" -w -t 60 -o \"{options}\" start", TimeSpan.FromSeconds(90));
        }
        catch (InvalidOperationException ex)
        {
            string text = File.Exists(log) ? File.ReadAllText(log) : "(no server log)";
            throw new InvalidOperationException(ex.Message + Environment.NewLine + text, ex);
        }
    }

    private void Run(string tool, string arguments, TimeSpan timeout, bool throwOnError = true)
    {
        string path = Path.Combine(_binDirectory, tool);
        if (_asPostgresUser)
        {
            Exec("runuser", $"-u postgres -- \"{path}\" {arguments}", timeout, throwOnError);
        }
        else
        {
            Exec(path, arguments, timeout, throwOnError);
        }
    }

    private void Exec(string fileName, string arguments, TimeSpan timeout, bool throwOnError)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user may not be allowed into the test's working folder.
            WorkingDirectory = _root,
        };
        info.Environment["LC_ALL"] = "C";
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {arguments} timed out after {timeout}.");
        }

        process.WaitForExit();
        if (throwOnError && process.ExitCode != 0)
        {
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            throw new InvalidOperationException($"{fileName} {arguments} exited with {process.ExitCode}:{Environment.NewLine}{text}");
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
