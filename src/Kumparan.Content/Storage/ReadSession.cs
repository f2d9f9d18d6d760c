using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Kumparan.Content.Diagnostics;

namespace Kumparan.Content.Storage;

/// <summary>
/// An open connection with the statements it has prepared, lent to one request at a time. Opening a
/// connection and preparing a statement cost more than most of the pages' queries: a request borrows a
/// session and runs statements prepared by earlier requests.
/// </summary>
public sealed class ReadSession : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly SessionPool _pool;
    private long _rented;

    internal ReadSession(SessionPool pool, DbConnection connection, long generation)
    {
        _pool = pool;
        Connection = connection;
        Generation = generation;
    }

    public DbConnection Connection { get; }

    internal long Generation { get; }

    /// <summary>Marks the moment it was lent out: the time until it comes back is the store's latency as a page sees it.</summary>
    internal void Rented() => _rented = Stopwatch.GetTimestamp();

    /// <summary>The statement for <paramref name="sql"/>, prepared once per session, its parameters cleared.</summary>
    public DbCommand Command(string sql)
    {
        if (Connection is Npgsql.NpgsqlConnection postgres)
        {
            // A new command each time: Npgsql keeps a used command's parameters bound to its parsed statement,
            // and prepares statements per connection by their text (auto-prepare), whichever command runs them.
            return new Npgsql.NpgsqlCommand(sql, postgres);
        }

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
    public void Dispose()
    {
        KumparanMetrics.Record(Stopwatch.GetElapsedTime(_rented).TotalSeconds, "page");
        _pool.Return(this);
    }

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
internal sealed class SessionPool(Func<DbConnection> open)
{
    private const int Kept = 32;

    private readonly ConcurrentBag<ReadSession> _idle = [];
    private long _generation;

    public ReadSession Rent()
    {
        while (_idle.TryTake(out var session))
        {
            if (session.Generation == Volatile.Read(ref _generation) && session.Connection.State == System.Data.ConnectionState.Open)
            {
                session.Rented();
                return session;
            }

            session.Close();
        }

        var fresh = new ReadSession(this, open(), Volatile.Read(ref _generation));
        fresh.Rented();
        return fresh;
    }

    public void Return(ReadSession session)
    {
        if (session.Generation == Volatile.Read(ref _generation) && _idle.Count < Kept && session.Connection.State == System.Data.ConnectionState.Open)
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

/// <summary>Parameters on any provider's command.</summary>
public static class CommandParameters
{
    /// <summary>Adds a parameter named <paramref name="name"/> (written <c>@name</c> in the SQL; null is sent as NULL).</summary>
    public static DbCommand Bind(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}

/// <summary>The few words SQLite and PostgreSQL write differently.</summary>
public static class Dialect
{
    /// <summary>
    /// "<paramref name="column"/> is one of the list in <paramref name="parameter"/>": Dapper expands a list
    /// for SQLite (<c>IN @list</c>); PostgreSQL takes it as one array (<c>= ANY(@list)</c>).
    /// </summary>
    public static string In(DbConnection connection, string column, string parameter) =>
        connection is Npgsql.NpgsqlConnection ? $"{column} = ANY({parameter})" : $"{column} IN {parameter}";
}
