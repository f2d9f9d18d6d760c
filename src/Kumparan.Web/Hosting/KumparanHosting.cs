using System.Diagnostics;
using System.Runtime;
using Dapper;
using Kumparan.Content;
using Kumparan.Content.Import;
using Kumparan.Content.Media;
using Kumparan.Content.Publishing;
using Kumparan.Content.Search;
using Kumparan.Content.Storage;
using Kumparan.Web.Ads;
using Kumparan.Web.Caching;
using Kumparan.Web.Images;
using Kumparan.Web.Rendering;
using Kumparan.Web.Seo;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Serilog;

namespace Kumparan.Web.Hosting;

/// <summary>Where this instance reads content from and keeps its database.</summary>
public sealed record ContentLocation(string ContentPath, string DataPath)
{
    public string DatabasePath => Path.Combine(DataPath, "kumparan.db");

    public string MediaPath => Path.Combine(ContentPath, "media");

    /// <summary>The variants of the pictures in content/media, by fingerprint (made again if deleted).</summary>
    public string VariantsPath => Path.Combine(DataPath, "images");
}

public static class KumparanHosting
{
    /// <summary>All of the site's services, in one place.</summary>
    public static WebApplicationBuilder AddKumparan(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        var section = builder.Configuration.GetSection(KumparanOptions.Section);
        services.Configure<KumparanOptions>(section);
        // Resolved when first needed, so configuration added by hosts and tests is seen.
        services.AddSingleton(p =>
        {
            var configured = p.GetRequiredService<IOptions<KumparanOptions>>().Value;
            var (content, data) = ContentPaths.Resolve(configured.ContentPath, configured.DataPath, builder.Environment.ContentRootPath);
            return new ContentLocation(content, data);
        });

        // No LogContext enricher: nothing pushes properties, and it costs 1% of the CPU of serving cached pages.
        // The host's own logger, not the process-wide Log.Logger, which every host would replace as it starts:
        // with several hosts in one process (the tests), ASP.NET Core's lines reached another host's sinks.
        services.AddSerilog((provider, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(provider), preserveStaticLogger: true);

        services.Configure<OperationsOptions>(builder.Configuration.GetSection(OperationsOptions.Section));
        // The host's stop waits for the drain, then for requests in flight; what is still running then is cut off.
        services.AddOptions<HostOptions>().Configure<IOptions<OperationsOptions>>((host, operations) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(0, operations.Value.DrainSeconds) + Math.Max(0, operations.Value.ShutdownSeconds)));
        services.AddHostedService<ShutdownDrain>();
        services.AddSingleton<NodeRole>();
        services.AddSingleton<Readiness>();
        services.AddSiteMetrics();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(p => p.GetRequiredService<IOptions<KumparanOptions>>().Value.Database.Open(p.GetRequiredService<ContentLocation>().DatabasePath));
        services.AddSingleton<ArticleStore>();
        services.AddSingleton(p => new MediaInspector(
            p.GetRequiredService<IOptions<KumparanOptions>>().Value.Images,
            p.GetRequiredService<ContentLocation>().MediaPath));
        services.AddSingleton(p => new VariantMaker(
            p.GetRequiredService<MediaInspector>(),
            p.GetRequiredService<ContentLocation>().VariantsPath,
            p.GetRequiredService<ILogger<VariantMaker>>()));
        services.AddHostedService<PictureVariants>();
        services.AddSingleton(p => SiteCategoryMap.Load(
            p.GetRequiredService<IOptions<KumparanOptions>>().Value,
            p.GetRequiredService<ContentLocation>().ContentPath,
            p.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiteCategoryMap))));
        services.AddSingleton(p => new ContentSync(
            p.GetRequiredService<ArticleStore>(),
            p.GetRequiredService<IOptions<KumparanOptions>>().Value,
            p.GetRequiredService<ContentLocation>().ContentPath,
            p.GetRequiredService<ILogger<ContentSync>>(),
            p.GetRequiredService<VariantMaker>(),
            p.GetRequiredService<CategoryMap>()));
        services.AddSingleton<ContentIndex>();
        services.AddSingleton<InitialIndex>();
        services.AddSingleton(p =>
        {
            // Every change is announced by the content index: what it names is forgotten, everything on a bulk change.
            // Subscribed before the rendered cache (which is built from the reader and listing that need this), so a
            // page rendered after the cache drops it never reads the article's old version from here.
            var cache = new DocumentCache();
            p.GetRequiredService<ContentIndex>().Changed += change =>
            {
                if (change.Everything)
                {
                    cache.Clear();
                    return;
                }

                foreach (var (before, after) in change.Articles)
                {
                    if ((before ?? after) is { } article)
                    {
                        cache.Forget(article.Id);
                    }
                }
            };
            return cache;
        });
        services.AddSingleton<IArticleReader>(p => new ArticleReader(p.GetRequiredService<Database>(), p.GetRequiredService<DocumentCache>()));
        services.AddSingleton<IArticleListing>(p => new ArticleListing(p.GetRequiredService<Database>(), p.GetRequiredService<DocumentCache>()));
        services.AddSingleton<ISitemapQueries>(p => new SitemapQueries(p.GetRequiredService<Database>()));
        services.AddSingleton(p => new ArticleSearch(
            p.GetRequiredService<Database>(),
            p.GetRequiredService<IOptions<KumparanOptions>>().Value.Search,
            p.GetRequiredService<ILogger<ArticleSearch>>()));
        services.AddSingleton<NodeRole>();
        // On PostgreSQL: which node synchronizes content/ is settled before start-up indexes it, and every node
        // follows the leader's changes.
        services.AddHostedService<Cluster.LeaderElection>();
        services.AddHostedService<Cluster.ClusterChanges>();
        // The watcher first: it follows content/ before start-up's index reads it (see ContentWatcher.StartAsync).
        services.AddHostedService<ContentWatcher>();
        services.AddHostedService<ContentStartup>();
        services.AddSingleton<SiteInfo>();
        services.AddSingleton<SiteStyles>();
        services.Configure<RenderedCacheOptions>(builder.Configuration.GetSection(RenderedCacheOptions.Section));
        services.AddSingleton<RenderedCache>();
        services.AddSingleton<AdFrames>();

        services.Configure<RouteOptions>(o =>
        {
            o.ConstraintMap["channel"] = typeof(ChannelRouteConstraint);
            o.ConstraintMap["footerpage"] = typeof(FooterPageRouteConstraint);
            o.LowercaseUrls = false;
        });
        services.AddRazorPages();
        return builder;
    }

    /// <summary>The request pipeline: logging, errors, headers, static files, pages.</summary>
    public static WebApplication UseKumparan(this WebApplication app)
    {
        // First, so that every response carries the headers: error pages, redirects, 304s, static files.
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<ReadOnlyMethods>();
        // Before the static files and the rendered-response cache: never kept, and answered at once.
        app.UseMiddleware<HealthEndpoints>();
        app.UseSiteMetrics();
        app.UseMiddleware<OldAddressRedirects>();
        app.UseMiddleware<TrailingSlashRedirect>();
        app.UseMiddleware<StylesheetMiddleware>();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = StaticCaching });
        app.UseMiddleware<PictureFiles>();
        var location = app.Services.GetRequiredService<ContentLocation>();
        Directory.CreateDirectory(location.MediaPath);
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/media",
            FileProvider = new PhysicalFileProvider(location.MediaPath),
            OnPrepareResponse = StaticCaching,
        });

        // After static files (they need no page cache), before routing: a cached page skips routing too.
        app.UseMiddleware<RenderedCacheMiddleware>();
        // An old path answers only where the site would say 404, so a served page never costs a lookup.
        app.UseMiddleware<ArticleRedirects>();
        app.UseRouting();
        app.MapRazorPages();
        app.MapSeo();
        return app;
    }

    // A fingerprinted URL (asp-append-version adds ?v=hash) never changes; other files may be replaced by editors.
    private static void StaticCaching(StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
            ? RenderedEntry.Immutable
            : "public, max-age=3600";
}

/// <summary>The first synchronization after start-up, which the watcher waits for before it follows content/.</summary>
public sealed class InitialIndex
{
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _migrated;

    /// <summary>Completes with true when the first synchronization ran, false when it failed (the watcher then reconciles at once).</summary>
    public Task<bool> Done => _done.Task;

    /// <summary>Whether start-up has brought the store's schema up to date (before the first synchronization).</summary>
    public bool Migrated => _migrated;

    internal void Finished(bool synchronized) => _done.TrySetResult(synchronized);

    internal void SchemaReady() => _migrated = true;
}

/// <summary>
/// Start-up, with costs that do not grow with the archive: a file SQLite cannot open as a database is
/// moved aside and rebuilt at once (nothing could be served from it), the schema is brought up to
/// date, and the site serves. The synchronization of content/ (a stat per file) and SQLite's check of
/// the whole file run in the background; a first index of an empty database is waited for up to
/// <see cref="KumparanOptions.FirstIndexWaitSeconds"/>, so a small folder is complete at the first request
/// while a big one is served as it is indexed. A damaged file found by the check is read back, rebuilt
/// aside from content/ and what it still held, and swapped in.
/// </summary>
internal sealed partial class ContentStartup(Database database, ContentIndex index, InitialIndex initial, IOptions<KumparanOptions> options,
    TimeProvider clock, ILogger<ContentStartup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (database.IsPostgres)
        {
            return StartShared(started, cancellationToken);
        }

        Salvage? salvage = null;
        if (!DatabaseRecovery.Opens(database))
        {
            salvage = DatabaseRecovery.CheckAndMoveAsideIfCorrupt(database, clock, logger);
            SqliteConnection.ClearAllPools();
        }

        var existing = File.Exists(database.Path);
        // SQLite's check reads the whole file (minutes for a million articles): it runs after a crash, not
        // after a clean stop that left the file as it is now.
        var checkFile = existing && !CleanStop.Matches(database);
        database.Migrate();
        initial.SchemaReady();
        if (salvage is not null)
        {
            var restored = index.Sync.Restore(salvage);
            LogRestored(restored, salvage.Sources.Count, salvage.MovedTo);
        }

        index.Reload();
        var token = _stopping.Token;
        var first = Task.Factory.StartNew(() => Index(checkFile && salvage is null, started, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // A store without a single article (a first start, or one stopped in the middle of its first index)
        // is indexed before the first request, up to the configured wait.
        if (!existing || !HoldsArticles())
        {
            first.Wait(TimeSpan.FromSeconds(options.Value.FirstIndexWaitSeconds), cancellationToken);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogServing(elapsed, first.IsCompleted ? "indexed" : "indexing in the background");
        return Task.CompletedTask;
    }

    // PostgreSQL keeps its own log and recovers by itself: the tables are brought up to date (once, whichever
    // node starts first), and the leader, if this node is it, indexes content/ as a single node does.
    private Task StartShared(long started, CancellationToken cancellationToken)
    {
        database.Migrate();
        initial.SchemaReady();
        index.Reload();
        if (!index.Ingests)
        {
            initial.Finished(true);
            var waited = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogServing(waited, "following the leader");
            return Task.CompletedTask;
        }

        var token = _stopping.Token;
        var first = Task.Factory.StartNew(() => Index(false, started, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!HoldsArticles())
        {
            first.Wait(TimeSpan.FromSeconds(options.Value.FirstIndexWaitSeconds), cancellationToken);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogServing(elapsed, first.IsCompleted ? "indexed" : "indexing in the background");
        return Task.CompletedTask;
    }

    private bool HoldsArticles()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT EXISTS (SELECT 1 FROM articles)") == 1;
    }

    // On a thread of its own: parses on all cores while it writes.
    private void Index(bool checkFile, long started, CancellationToken token)
    {
        try
        {
            SyncReport? report = null;
            var damaged = false;
            try
            {
                report = index.Refresh();
            }
            catch (SqliteException e) when (Database.IsCorruption(e))
            {
                damaged = true;
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (report is not null)
            {
                LogReady(report.Scanned, report.Accepted, elapsed);
            }

            // Indexing leaves hundreds of MB of temporary strings (file text, JSON): given back now.
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            initial.Finished(report is not null);
            if ((checkFile || damaged) && !token.IsCancellationRequested && DatabaseRecovery.Problems(database) is { } problems)
            {
                Rebuild(problems);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The site serves what the store holds; the watcher's reconcile tries again.
            LogFailed(e);
        }
        finally
        {
            initial.Finished(false); // no-op when it already finished
        }
    }

    private void Rebuild(IReadOnlyList<string> problems)
    {
        var salvage = DatabaseRecovery.Read(database, problems, logger);
        var restored = 0;
        database.Replace(aside =>
        {
            var sync = index.Sync.On(new ArticleStore(aside));
            restored = sync.Restore(salvage);
            sync.Run();
        }, () => DatabaseRecovery.MoveAside(database.Path, clock));
        salvage = DatabaseRecovery.Moved(salvage, salvage.MovedTo, logger);
        LogRestored(restored, salvage.Sources.Count, salvage.MovedTo);
        index.Reload();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_disposed)
        {
            _stopping.Cancel();
        }

        if (database.IsPostgres)
        {
            database.CloseSessions();
            return Task.CompletedTask;
        }

        try
        {
            // The log copied into the file, connections closed, and the file's state noted: the next start
            // need not read all of it to know it is whole.
            database.Checkpoint();
            database.CloseSessions();
            SqliteConnection.ClearAllPools();
            CleanStop.Note(database);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            LogNotNoted(e);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not note a clean stop; the next start checks the database file")]
    private partial void LogNotNoted(Exception exception);

    public void Dispose()
    {
        _disposed = true;
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving after {Elapsed:0} ms ({State})")]
    private partial void LogServing(double elapsed, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content ready: {Files} files ({Accepted} indexed) in {Elapsed:0} ms")]
    private partial void LogReady(int files, int accepted, double elapsed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing content at start-up failed; the watcher's reconcile tries again")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebuilt the database: restored {Restored} of {Read} rows read back from {MovedTo}, then synchronized content/")]
    private partial void LogRestored(int restored, int read, string movedTo);
}

/// <summary>
/// A note beside the database that the site stopped cleanly, with the file's size and modification time
/// then: a start that finds the file as it was noted skips SQLite's whole-file check.
/// </summary>
internal static class CleanStop
{
    private static string NotePath(Database database) => database.Path + ".clean";

    public static void Note(Database database)
    {
        var file = new FileInfo(database.Path);
        if (file.Exists && !HasLog(database))
        {
            File.WriteAllText(NotePath(database), Describe(file));
        }
    }

    /// <summary>True when the last stop was clean and the file has not changed since; the note is used up either way.</summary>
    public static bool Matches(Database database)
    {
        var note = NotePath(database);
        if (!File.Exists(note))
        {
            return false;
        }

        try
        {
            var file = new FileInfo(database.Path);
            return file.Exists && !HasLog(database) && File.ReadAllText(note) == Describe(file);
        }
        finally
        {
            File.Delete(note);
        }
    }

    // A write-ahead log with frames holds changes the file does not: not the state that was noted.
    private static bool HasLog(Database database) => new FileInfo(database.Path + "-wal") is { Exists: true, Length: > 0 };

    private static string Describe(FileInfo file) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file.Length}:{file.LastWriteTimeUtc.Ticks}");
}
