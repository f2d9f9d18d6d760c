using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Npgsql;

namespace Kumparan.Tests.Support;

/// <summary>
/// A private PostgreSQL cluster for this test run: Debian's server programs, a data folder under the
/// temporary directory (<see cref="PostgresRunFolder"/>), 127.0.0.1 on a free port. It starts on first use
/// of <see cref="Instance"/> and stops when the test process ends. Each test takes a database of its own.
/// </summary>
public sealed class PostgresServer
{
    private const string User = "kumparan";
    private const string DatabasePrefix = "k_";

    private static readonly Lazy<PostgresServer> Started = new(() => new PostgresServer(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PostgresPrograms _programs;
    private readonly PostgresRunFolder _folder;
    private readonly string _characterLocale;

    private PostgresServer()
    {
        _programs = PostgresPrograms.Find();
        PostgresRunFolder.SweepStale(StopCommand);
        _folder = PostgresRunFolder.Create(StopCommand);
        try
        {
            Directory.CreateDirectory(DataFolder);
            if (PostgresPrograms.AsPostgresUser)
            {
                // The postgres user owns the data folder and, whatever root's umask, can reach it.
                PostgresPrograms.RunAsync(["chmod", "755", _folder.Path]).GetAwaiter().GetResult();
                PostgresPrograms.RunAsync(["chown", "postgres:postgres", DataFolder]).GetAwaiter().GetResult();
            }

            _characterLocale = CharacterLocale();
            // --no-sync: the cluster lives as long as the run, a crash of the machine loses nothing worth keeping.
            _programs.Run("initdb", "-D", DataFolder, "-U", User, "--auth=trust", "--encoding=UTF8",
                $"--locale={_characterLocale}", "--no-sync");
            Port = FreePort();
            Start();
        }
        catch
        {
            _folder.Dispose();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Exit();
    }

    /// <summary>The run's server, started by the first test that asks (thread-safe).</summary>
    public static PostgresServer Instance => Started.Value;

    /// <summary>The PostgreSQL major version running (the highest installed).</summary>
    public int Major => _programs.Major;

    public int Port { get; }

    /// <summary>The cluster's folder; its Unix socket is here too (<c>psql -h &lt;DataFolder&gt; -p &lt;Port&gt; -U kumparan</c>).</summary>
    public string DataFolder => _folder.DataFolder;

    /// <summary>The server's own log, for a test's failure message.</summary>
    public string LogPath => Path.Combine(DataFolder, "server.log");

    /// <summary>
    /// Durability is off (no fsync, no full-page writes, commits not waited for): the data dies with the run,
    /// and tests measure behaviour, not disks. 300 connections leave room for a pool per test class.
    /// </summary>
    private string Options =>
        $"-p {Port} -k '{DataFolder}' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
        + "-c full_page_writes=off -c max_connections=300";

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = database,
        Pooling = true,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>Creates an empty database no other test sees, and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = DatabasePrefix + Guid.NewGuid().ToString("N");
        // Collation C compares bytes, as SQLite does ('/' < '0' < 'A' < 'a' < 'é'), so both stores list the same
        // order; the UTF-8 character type keeps é and ñ letters for lower(), upper() and regular expressions.
        using var admin = Admin();
        admin.Execute($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE '{_characterLocale}'");
        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, even while connections to it are open.</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !name.StartsWith(DatabasePrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Not a database made by CreateDatabase: {name}", nameof(connectionString));
        }

        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        // FORCE terminates the database's backends (pg_terminate_backend) while holding the lock that keeps new
        // connections out, so a pool reconnecting between the two cannot make the drop fail.
        using var admin = Admin();
        admin.Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    // Stopping the server breaks every test using it at that moment: tests that call the three methods below
    // belong to the PostgresOutage collection, which runs alone.

    /// <summary>Restarts the server on the same port (fast shutdown: open connections are closed).</summary>
    public Task RestartAsync() =>
        PgCtlAsync("restart", "-D", DataFolder, "-l", LogPath, "-m", "fast", "-w", "-t", "30", "-o", Options);

    /// <summary>Stops the server (fast shutdown), for a test of an outage; <see cref="Start"/> brings it back.</summary>
    public void Stop() => PgCtlAsync("stop", "-D", DataFolder, "-m", "fast", "-w", "-t", "30").GetAwaiter().GetResult();

    public void Start() =>
        PgCtlAsync("start", "-D", DataFolder, "-l", LogPath, "-w", "-t", "30", "-o", Options).GetAwaiter().GetResult();

    private async Task PgCtlAsync(params string[] arguments)
    {
        try
        {
            await _programs.RunAsync("pg_ctl", arguments);
        }
        catch (InvalidOperationException e) when (File.Exists(LogPath))
        {
            var log = string.Join('\n', File.ReadLines(LogPath).TakeLast(20));
            throw new InvalidOperationException($"{e.Message}\nThe end of {LogPath}:\n{log}", e);
        }
    }

    /// <summary>An immediate shutdown, for a server whose run is over: nothing in the cluster is worth a checkpoint.</summary>
    private IReadOnlyList<string> StopCommand(string dataFolder) =>
        _programs.Command("pg_ctl", "stop", "-D", dataFolder, "-m", "immediate", "-w");

    private NpgsqlConnection Admin() =>
        new(new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString);

    /// <summary>
    /// An immediate shutdown (SIGQUIT to the postmaster: nothing in the cluster is worth a checkpoint), sent
    /// without waiting for it, because the test platform kills the test host about 100 ms after the run
    /// (VSTEST_TESTHOST_SHUTDOWN_TIMEOUT). The watchdog, woken as the process ends, deletes the folder.
    /// </summary>
    private void Exit()
    {
        var postmaster = Path.Combine(DataFolder, "postmaster.pid");
        if (File.Exists(postmaster))
        {
            using var kill = Process.Start("kill", ["-QUIT", File.ReadLines(postmaster).First()]);
            kill.WaitForExit();
        }
    }

    /// <summary>C.UTF-8 where the C library has it (glibc 2.35 and later, so Debian 12, build it in), else C.</summary>
    private static string CharacterLocale()
    {
        using var locales = Process.Start(new ProcessStartInfo("locale", "-a") { RedirectStandardOutput = true })!;
        var names = locales.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.TrimEntries);
        locales.WaitForExit();
        return names.Any(n => n.Equals("C.utf8", StringComparison.OrdinalIgnoreCase) || n.Equals("C.UTF-8", StringComparison.OrdinalIgnoreCase))
            ? "C.UTF-8"
            : "C";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Tests that stop or restart the run's server: xunit runs this collection alone, after the others.</summary>
[CollectionDefinition(nameof(PostgresOutage), DisableParallelization = true)]
public sealed class PostgresOutage;
