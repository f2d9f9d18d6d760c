using Kumparan.Content;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Web.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kumparan.Web.Cluster;

/// <summary>
/// On PostgreSQL, exactly one node at a time synchronizes content/: the one holding a session-level
/// advisory lock on a connection of its own. PostgreSQL releases the lock when that connection ends,
/// also when the node is killed, so another node, trying every <see cref="DatabaseOptions.LeaderPollSeconds"/>,
/// takes over, reconciles the folder against the store and follows it from then on. A leader that
/// loses its connection stops synchronizing at once (another node may already hold the lock). With
/// SQLite the single node is always the leader.
/// </summary>
public sealed partial class LeaderElection(Database database, ContentIndex index, NodeRole role, IOptions<KumparanOptions> options,
    ILogger<LeaderElection> logger) : BackgroundService
{
    /// <summary>The advisory lock's key ("KumpLead").</summary>
    public const long LockKey = 0x4b756d704c656164;

    private readonly TimeSpan _poll = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.Database.LeaderPollSeconds));
    private NpgsqlConnection? _holder;

    // The lock's connection is used by one thread at a time: the polling loop, or the stop that releases it.
    private readonly Lock _gate = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
        {
            role.IsLeader = true;
            return Task.CompletedTask;
        }

        // The tables first (once, whichever node starts first), then the lock, tried once before start-up
        // indexes: a node that starts alone leads from its first moment.
        database.Migrate();
        TryTake();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_poll);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            lock (_gate)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                if (_holder is null)
                {
                    if (TryTake())
                    {
                        // What the previous leader had not synchronized, or was doing when it died.
                        _ = Task.Factory.StartNew(CatchUp, stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                    }
                }
                else if (!StillHeld())
                {
                    Lose();
                    database.ResetConnections();
                }
            }
        }
    }

    private void CatchUp()
    {
        try
        {
            var report = index.Refresh();
            LogCaughtUp(report.Scanned, report.Accepted, report.Deleted);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCatchUpFailed(e);
        }
    }

    private bool TryTake()
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = new NpgsqlConnection(LockConnectionString());
            connection.Open();
            using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            if (command.ExecuteScalar() is true)
            {
                _holder = connection;
                index.Ingests = true;
                role.IsLeader = true;
                LogLeading();
                return true;
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogNoStore(e.Message);
        }

        connection?.Dispose();
        index.Ingests = false;
        role.IsLeader = false;
        return false;
    }

    private bool StillHeld()
    {
        try
        {
            using var command = new NpgsqlCommand("SELECT 1", _holder);
            command.CommandTimeout = Math.Max(1, (int)_poll.TotalSeconds * 2);
            command.ExecuteScalar();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LogLost(e.Message);
            return false;
        }
    }

    private void Lose()
    {
        index.Ingests = false;
        role.IsLeader = false;
        _holder?.Dispose();
        _holder = null;
    }

    // Its own physical connection (no pool): returning a pooled connection would not end the session that holds the lock.
    private string LockConnectionString() =>
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, ApplicationName = "kumparan-leader", KeepAlive = 5 }.ConnectionString;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        lock (_gate)
        {
            Release();
        }
    }

    private void Release()
    {
        if (_holder is { } holder)
        {
            // Released as the node stops, so the next leader need not wait for the connection to time out.
            index.Ingests = false;
            try
            {
                using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", holder);
                command.Parameters.AddWithValue("key", LockKey);
                command.ExecuteScalar();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The connection is gone, and the lock with it.
            }

            Lose();
            LogReleased();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This node leads: it synchronizes the content folder")]
    private partial void LogLeading();

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over the content folder: {Scanned} files compared, {Accepted} accepted, {Deleted} removed")]
    private partial void LogCaughtUp(int scanned, int accepted, int deleted);

    [LoggerMessage(Level = LogLevel.Error, Message = "Taking over the content folder failed; the watcher's reconcile tries again")]
    private partial void LogCatchUpFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the store to elect a leader: {Problem}")]
    private partial void LogNoStore(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the leader lock's connection ({Problem}); this node stops synchronizing the content folder")]
    private partial void LogLost(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released the leader lock")]
    private partial void LogReleased();
}
