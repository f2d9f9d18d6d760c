using Dapper;
using Microsoft.Data.Sqlite;

namespace Kumparan.Content.Storage;

/// <summary>The SQLite file: connections with the pragmas every connection needs, and the schema.</summary>
public sealed class Database
{
    public Database(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// Held by every writer of this process (synchronization, imports, checkpoints, recovery): SQLite
    /// allows one writer at a time, and waiting here is cheaper and fairer than spinning on SQLITE_BUSY.
    /// Other processes (an import run from the command line) are covered by the busy timeout.
    /// </summary>
    public Lock WriteLock { get; } = new();

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // busy_timeout: wait for another writer instead of failing at once.
        command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates the file on first run and brings the schema up to date.</summary>
    public void Migrate()
    {
        using var scope = WriteLock.EnterScope();
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        Migrations.Apply(connection);
    }

    /// <summary>True when the file exists and has every migration applied (it can be read before <see cref="Migrate"/>).</summary>
    public bool IsCurrent()
    {
        if (!File.Exists(Path))
        {
            return false;
        }

        using var connection = Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") == 1
            && connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_migrations") == Migrations.Latest;
    }

    /// <summary>SQLite's own structural check; "ok" when the file is sound, else the problems it found.</summary>
    public IReadOnlyList<string> QuickCheck()
    {
        using var connection = Open();
        return connection.Query<string>("PRAGMA quick_check(20)").ToList();
    }

    /// <summary>Copies the write-ahead log into the file and truncates it, so the WAL cannot grow without bound.</summary>
    public (int Busy, int LogFrames, int Checkpointed) Checkpoint()
    {
        using var scope = WriteLock.EnterScope();
        using var connection = Open();
        return connection.QuerySingle<(int, int, int)>("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    /// <summary>SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged, not merely busy.</summary>
    public static bool IsCorruption(SqliteException e) => e.SqliteErrorCode is 11 or 26;
}
