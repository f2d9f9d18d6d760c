using Dapper;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Npgsql;

namespace Kumparan.Web.Cluster;

/// <summary>
/// How the nodes on one PostgreSQL database learn of each other's changes. The leader writes each change
/// it announces to <c>content_changes</c> and notifies <c>kumparan_changes</c> (payload: the change's
/// number and the store's version) in one statement; every other node LISTENs, reads the changes after
/// the last it applied and announces them, so its caches drop exactly the responses that showed them.
/// A node also reads the log every few seconds (a notification is not stored for a node that was
/// not listening), and after its listening connection was lost it drops everything: it cannot know what
/// it missed. A store whose version moved without a logged change (a leader killed between its commit
/// and its log, an import from another machine) is announced as "everything" too.
/// </summary>
public sealed partial class ClusterChanges(Database database, ContentIndex index, ILogger<ClusterChanges> logger) : BackgroundService
{
    public const string Channel = "kumparan_changes";

    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(2);

    // Changes older than this are deleted by the leader: a node away longer drops everything anyway.
    private const long KeptSeconds = 600;

    // This process, so the leader skips its own changes when it reads the log.
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private long _applied;
    private long _unexplainedSince = -1;
    private DateTimeOffset _pruned = DateTimeOffset.MinValue;

    // The store's version when this node last announced "everything" to the others (or when it started).
    private long _publishedStamp = -1;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
        {
            return Task.CompletedTask;
        }

        _publishedStamp = index.Store.Stamp();
        index.Changed += Publish;
        return base.StartAsync(cancellationToken);
    }

    // After each change this node synchronized (the Changed event runs on the synchronizing thread), also
    // one it finished just after losing the lead: it is in the store, so the others must hear of it.
    private void Publish(ContentChange change)
    {
        if (change.Elsewhere)
        {
            return;
        }

        try
        {
            var everything = change.Everything || change.Articles.Count > 500;
            if (everything)
            {
                // A node that starts (or takes over) announces "everything" to its own caches; the others drop
                // theirs only when the store did change.
                var stamp = index.Store.Stamp();
                if (stamp == _publishedStamp)
                {
                    return;
                }

                _publishedStamp = stamp;
            }

            using var connection = database.Open();
            var bytes = everything ? null : ChangeLog.Encode(change.Articles, change.Pages);
            Log(connection, _node, everything, bytes);
            if (DateTimeOffset.UtcNow - _pruned > TimeSpan.FromMinutes(1))
            {
                _pruned = DateTimeOffset.UtcNow;
                connection.Execute("DELETE FROM content_changes WHERE at < @before", new { before = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - KeptSeconds });
            }
        }
        catch (NpgsqlException e)
        {
            // The other nodes find the store's version moved without a logged change and drop everything.
            LogNotPublished(e.Message);
        }
    }

    /// <summary>Tells every running node that anything may have changed (rows written by a tool, e.g. an import).</summary>
    public static void AnnounceEverything(Database database, string writer)
    {
        using var connection = database.Open();
        Log(connection, writer, everything: true, change: null);
    }

    // The change and its notification in one statement (payload: the change's number and the store's version).
    private static void Log(System.Data.Common.DbConnection connection, string writer, bool everything, byte[]? change) =>
        connection.Execute(
            $"""
            WITH logged AS (
                INSERT INTO content_changes (node, at, everything, change) VALUES (@writer, @at, @everything, @change) RETURNING version)
            SELECT pg_notify('{Channel}', logged.version || ':' || (SELECT version FROM content_version WHERE id = 1)) FROM logged
            """,
            new { writer, at = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), everything = everything ? 1L : 0L, change });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lost = false;
        var listened = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)database.Open();
                await connection.ExecuteAsync($"LISTEN {Channel}");
                listened = true;
                if (_applied == 0 || lost)
                {
                    // From here on every change is read; what happened before (or while away) may be in any cached page.
                    _applied = await connection.ExecuteScalarAsync<long?>("SELECT MAX(version) FROM content_changes") ?? 0;
                    // The leader wrote its own changes and knows them; a node that followed may have missed some.
                    if (lost && !index.Ingests)
                    {
                        database.ResetConnections();
                        index.Apply([], new HashSet<string>(), everything: true);
                        LogReconnected();
                    }

                    lost = false;
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    var notified = await connection.WaitAsync(ReadEvery, stoppingToken);
                    Read(connection, notified);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
            {
                if (!lost)
                {
                    LogLost(e.Message);
                }

                database.ResetConnections();
                // Only a node that was listening can have missed a change.
                lost = lost || listened;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    // The changes after the last one applied, announced together; the leader's own are skipped.
    private void Read(NpgsqlConnection connection, bool notified)
    {
        var rows = connection.Query<(long Version, string Node, long Everything, byte[]? Change)>(
            "SELECT version, node, everything, change FROM content_changes WHERE version > @applied ORDER BY version LIMIT 1000",
            new { applied = _applied }).AsList();
        var articles = new List<ArticleChange>();
        var pages = new HashSet<string>(StringComparer.Ordinal);
        var everything = rows.Count == 1000;
        var fromOthers = false;
        foreach (var row in rows)
        {
            _applied = row.Version;
            if (row.Node == _node)
            {
                continue;
            }

            fromOthers = true;
            if (row.Everything != 0 || row.Change is null)
            {
                everything = true;
                continue;
            }

            var (changed, changedPages) = ChangeLog.Decode(row.Change);
            articles.AddRange(changed);
            pages.UnionWith(changedPages);
        }

        if (fromOthers)
        {
            index.Apply(everything ? [] : articles, pages, everything);
            _unexplainedSince = -1;
            return;
        }

        if (index.Ingests || notified)
        {
            return;
        }

        // The store moved and no change says how: dropped whole once it stays so past the next read
        // (a change being logged right now shows up by then).
        var stamp = index.Store.Stamp();
        if (stamp == index.SeenStamp)
        {
            _unexplainedSince = -1;
        }
        else if (_unexplainedSince != stamp)
        {
            _unexplainedSince = stamp;
        }
        else
        {
            LogUnexplained(stamp);
            index.Apply([], new HashSet<string>(), everything: true);
            _unexplainedSince = -1;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other nodes of a change ({Problem}); they will drop everything")]
    private partial void LogNotPublished(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the store's change notifications ({Problem}); reconnecting")]
    private partial void LogLost(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening to the store's changes again; cached pages dropped, as changes may have been missed")]
    private partial void LogReconnected();

    [LoggerMessage(Level = LogLevel.Information, Message = "The store's version {Stamp} came without a logged change; cached pages dropped")]
    private partial void LogUnexplained(long stamp);
}
