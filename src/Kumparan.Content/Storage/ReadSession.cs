using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Kumparan.Content.Storage;

/// <summary>
/// An open connection with the statements it has prepared, lent to one request at a time. Opening a
/// connection (its pragmas) and preparing a statement cost more than most of the pages' queries: a
/// request borrows a session and runs statements prepared by earlier requests.
/// </summary>
public sealed class ReadSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly SessionPool _pool;

    internal ReadSession(SessionPool pool, SqliteConnection connection, long generation)
    {
        _pool = pool;
        Connection = connection;
        Generation = generation;
    }

    public SqliteConnection Connection { get; }

    internal long Generation { get; }

    /// <summary>The statement for <paramref name="sql"/>, prepared once per session, its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    /// <summary>Gives the session back to its pool (or closes it).</summary>
    public void Dispose() => _pool.Return(this);

    internal void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        Connection.Dispose();
    }
}

/// <summary>The sessions of one database; a file swapped in (a rebuild) retires the sessions of the old one.</summary>
internal sealed class SessionPool(Func<SqliteConnection> open)
{
    private const int Kept = 32;

    private readonly ConcurrentBag<ReadSession> _idle = [];
    private long _generation;

    public ReadSession Rent()
    {
        while (_idle.TryTake(out var session))
        {
            if (session.Generation == Volatile.Read(ref _generation))
            {
                return session;
            }

            session.Close();
        }

        return new ReadSession(this, open(), Volatile.Read(ref _generation));
    }

    public void Return(ReadSession session)
    {
        if (session.Generation == Volatile.Read(ref _generation) && _idle.Count < Kept)
        {
            _idle.Add(session);
        }
        else
        {
            session.Close();
        }
    }

    /// <summary>Closes every idle session and retires those lent out (they close when returned).</summary>
    public void Retire()
    {
        Interlocked.Increment(ref _generation);
        while (_idle.TryTake(out var session))
        {
            session.Close();
        }
    }
}
