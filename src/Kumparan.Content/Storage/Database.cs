using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kumparan.Content.Storage;

/// <summary>Where the store lives: an SQLite file (the embedded default) or a PostgreSQL database shared by several nodes.</summary>
public enum StoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The store's database: connections with the settings every connection needs, and the schema. An
/// SQLite file by default; PostgreSQL (<see cref="ForPostgres"/>) for several nodes, with the same SQL
/// where it is portable and a seam per dialect difference (search, the schema, SQLite's file care).
/// </summary>
public sealed class Database : IDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;

    static Database()
    {
        // Before the first connection: no global memory statistics (each allocation took a process-wide
        // mutex, which the threads serving pages queued on), and no per-connection mutex (a connection is
        // only ever used by one thread at a time here). Refused, harmlessly, once SQLite has started.
        SQLitePCL.Batteries_V2.Init();
        _ = SQLitePCL.raw.sqlite3_config(SqliteConfigMemoryStatus, 0);
        _ = SQLitePCL.raw.sqlite3_config(SqliteConfigMultithread);
    }

    private const int SqliteConfigMultithread = 2;
    private const int SqliteConfigMemoryStatus = 9;

    // A file being built aside (Replace): nobody else reads it, so it has no journal.
    private readonly bool _building;

    public Database(string path)
        : this(path, building: false)
    {
    }

    private Database(NpgsqlDataSource dataSource)
    {
        Provider = StoreProvider.Postgres;
        Path = "";
        _connectionString = dataSource.ConnectionString;
        _postgres = dataSource;
        _sessions = new SessionPool(Open);
    }

    /// <summary>A PostgreSQL database (<paramref name="connectionString"/> in Npgsql's format); statements are prepared automatically.</summary>
    public static Database ForPostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            // The pages run a few dozen distinct statements again and again: prepared once per connection.
            builder.MaxAutoPrepare = 64;
        }

        builder.ApplicationName ??= "kumparan";
        return new Database(NpgsqlDataSource.Create(builder.ConnectionString));
    }

    public StoreProvider Provider { get; }

    public bool IsPostgres => Provider == StoreProvider.Postgres;

    /// <summary>The connection string, for a second connection of its own (a listener, a lock holder).</summary>
    public string ConnectionString => _connectionString;

    private Database(string path, bool building)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = ConnectionStringOf(Path);
        _building = building;
        _sessions = new SessionPool(Open);
    }

    private readonly SessionPool _sessions;

    /// <summary>The SQLite file (empty on PostgreSQL).</summary>
    public string Path { get; }

    /// <summary>Where <see cref="Replace"/> builds a file before moving it to <see cref="Path"/>.</summary>
    public string NewPath => Path + ".new";

    /// <summary>
    /// Held by every writer of this process (synchronization, imports, checkpoints, recovery): SQLite
    /// allows one writer at a time, and waiting here is cheaper and fairer than spinning on SQLITE_BUSY.
    /// Other processes (an import run from the command line) are covered by the busy timeout.
    /// </summary>
    public Lock WriteLock { get; } = new();

    /// <summary>A connection with its prepared statements, for reads; dispose it to give it back.</summary>
    public ReadSession Read() => _sessions.Rent();

    public DbConnection Open() => _postgres is { } postgres ? postgres.OpenConnection() : OpenSqlite();

    /// <summary>An SQLite connection, for what only a file has (pragmas, recovery, the upgrade of old files).</summary>
    public SqliteConnection OpenSqlite()
    {
        if (IsPostgres)
        {
            throw new InvalidOperationException("The store is a PostgreSQL database, not an SQLite file.");
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // busy_timeout: wait for another writer instead of failing at once. A file being built by
        // CreateNew has no journal: nobody else reads it, and a crash leaves only the temporary file.
        command.CommandText = _building
            ? "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            : "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Forgets every open connection (PostgreSQL restarted or failed over): idle sessions are closed and the
    /// driver's pool is emptied, so the next request opens a connection to the server as it is now instead of
    /// failing once on each connection the old server ended.
    /// </summary>
    public void ResetConnections()
    {
        _sessions.Retire();
        _postgres?.Clear();
    }

    /// <summary>Closes the idle read sessions (before the file is moved or deleted by someone else).</summary>
    public void CloseSessions() => _sessions.Retire();

    public void Dispose()
    {
        _sessions.Retire();
        _postgres?.Dispose();
    }

    /// <summary>Creates the file (or the tables) on first run and brings the schema up to date.</summary>
    public void Migrate()
    {
        using var scope = WriteLock.EnterScope();
        if (_postgres is not null)
        {
            using var shared = Open();
            PostgresSchema.Apply(shared);
            return;
        }

        using var connection = OpenSqlite();
        using (var size = connection.CreateCommand())
        {
            // A new file (no table yet) gets 16 KiB pages: an article's row (its document, body and source,
            // about 11 KB) fits on one page instead of a chain of four, and the indexes are shallower.
            size.CommandText = "SELECT COUNT(*) FROM sqlite_master";
            if ((long)size.ExecuteScalar()! == 0)
            {
                size.CommandText = "PRAGMA page_size = 16384;";
                size.ExecuteNonQuery();
            }
        }

        if (!_building)
        {
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        Migrations.Apply(connection);
    }

    /// <summary>
    /// Builds a new file aside with <paramref name="build"/> while this one keeps serving, then moves this
    /// one aside (<paramref name="moveAside"/> names where) and the new one into place. Connections opened
    /// afterwards read the new file.
    /// </summary>
    public void Replace(Action<Database> build, Func<string> moveAside)
    {
        BuildAside(build);
        using var scope = WriteLock.EnterScope();
        _sessions.Retire();
        SqliteConnection.ClearAllPools();
        moveAside();
        File.Move(NewPath, Path, overwrite: true);
        _sessions.Retire();
        SqliteConnection.ClearAllPools();
    }

    private void BuildAside(Action<Database> build)
    {
        DeleteNew();
        var aside = new Database(NewPath, building: true);
        try
        {
            aside.Migrate();
            build(aside);
            using (var connection = aside.OpenSqlite())
            {
                connection.Execute("PRAGMA journal_mode = WAL");
            }

            SqliteConnection.ClearPool(new SqliteConnection(aside._connectionString));
            using var file = new FileStream(NewPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            SqliteConnection.ClearPool(new SqliteConnection(aside._connectionString));
            DeleteNew();
            throw;
        }
    }

    private void DeleteNew()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(NewPath + suffix);
        }
    }

    private static string ConnectionStringOf(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>True when the file exists and has every migration applied (it can be read before <see cref="Migrate"/>).</summary>
    public bool IsCurrent()
    {
        if (IsPostgres)
        {
            using var shared = Open();
            return PostgresSchema.IsCurrent(shared);
        }

        if (!File.Exists(Path))
        {
            return false;
        }

        using var connection = OpenSqlite();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") == 1
            && connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_migrations") == Migrations.Latest;
    }

    /// <summary>SQLite's own structural check; "ok" when the file is sound, else the problems it found.</summary>
    public IReadOnlyList<string> QuickCheck()
    {
        using var connection = OpenSqlite();
        return connection.Query<string>("PRAGMA quick_check(20)").ToList();
    }

    /// <summary>Copies the write-ahead log into the file and truncates it, so the WAL cannot grow without bound.</summary>
    public (int Busy, int LogFrames, int Checkpointed) Checkpoint()
    {
        if (IsPostgres)
        {
            // PostgreSQL checkpoints its own log.
            return (0, 0, 0);
        }

        using var scope = WriteLock.EnterScope();
        using var connection = OpenSqlite();
        return connection.QuerySingle<(int, int, int)>("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    /// <summary>SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged, not merely busy.</summary>
    public static bool IsCorruption(SqliteException e) => e.SqliteErrorCode is 11 or 26;
}
