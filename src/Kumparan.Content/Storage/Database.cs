using Dapper;
using Microsoft.Data.Sqlite;

namespace Kumparan.Content.Storage;

/// <summary>The SQLite file: connections with the pragmas every connection needs, and the schema.</summary>
public sealed class Database
{
    // Connections go to the file being written: Path, or its temporary name while CreateNew builds it.
    private string _connectionString;
    private bool _building;

    public Database(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = ConnectionStringOf(Path);
    }

    public string Path { get; }

    /// <summary>Where <see cref="CreateNew"/> builds the file before moving it to <see cref="Path"/>.</summary>
    public string NewPath => Path + ".new";

    /// <summary>
    /// Held by every writer of this process (synchronization, imports, checkpoints, recovery): SQLite
    /// allows one writer at a time, and waiting here is cheaper and fairer than spinning on SQLITE_BUSY.
    /// Other processes (an import run from the command line) are covered by the busy timeout.
    /// </summary>
    public Lock WriteLock { get; } = new();

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // busy_timeout: wait for another writer instead of failing at once. A file being built by
        // CreateNew has no journal: nobody else reads it, and a crash leaves only the temporary file.
        command.CommandText = _building
            ? "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            : "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates the file on first run and brings the schema up to date.</summary>
    public void Migrate()
    {
        using var scope = WriteLock.EnterScope();
        using var connection = Open();
        if (!_building)
        {
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        Migrations.Apply(connection);
    }

    /// <summary>
    /// Creates the file when there is none: <paramref name="build"/> fills it (through <see cref="Open"/>)
    /// at <see cref="NewPath"/>, without a rollback journal, and the finished file is flushed to disk and
    /// moved into place. A first index of 10,000 articles writes every page once instead of twice (into the
    /// write-ahead log, then into the file): about a second less. Nothing else may use this database
    /// meanwhile (start-up, before the first request). A crash leaves only the temporary file, which the
    /// next call deletes and builds again.
    /// </summary>
    /// <returns>False, without running <paramref name="build"/>, when the file already exists.</returns>
    public bool CreateNew(Action build)
    {
        using var scope = WriteLock.EnterScope();
        DeleteNew();
        if (File.Exists(Path))
        {
            return false;
        }

        _connectionString = ConnectionStringOf(NewPath);
        _building = true;
        try
        {
            Migrate();
            build();
            using (var connection = Open())
            {
                connection.Execute("PRAGMA journal_mode = WAL");
            }

            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            using (var file = new FileStream(NewPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                file.Flush(flushToDisk: true);
            }

            File.Move(NewPath, Path);
            return true;
        }
        catch
        {
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            DeleteNew();
            throw;
        }
        finally
        {
            _building = false;
            _connectionString = ConnectionStringOf(Path);
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
