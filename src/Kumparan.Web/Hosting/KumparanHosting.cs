using System.Diagnostics;
using System.Runtime;
using Kumparan.Content;
using Kumparan.Content.Publishing;
using Kumparan.Content.Search;
using Kumparan.Content.Storage;
using Kumparan.Web.Ads;
using Kumparan.Web.Caching;
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
        services.AddSerilog((provider, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(provider));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(p => new Database(p.GetRequiredService<ContentLocation>().DatabasePath));
        services.AddSingleton<ArticleStore>();
        services.AddSingleton(p => new ContentSync(
            p.GetRequiredService<ArticleStore>(),
            p.GetRequiredService<IOptions<KumparanOptions>>().Value,
            p.GetRequiredService<ContentLocation>().ContentPath,
            p.GetRequiredService<ILogger<ContentSync>>()));
        services.AddSingleton<ContentIndex>();
        services.AddSingleton(p => new ArticleSearch(
            p.GetRequiredService<Database>(),
            p.GetRequiredService<IOptions<KumparanOptions>>().Value.Search,
            p.GetRequiredService<ILogger<ArticleSearch>>()));
        services.AddHostedService<ContentStartup>();
        services.AddHostedService<ContentWatcher>();
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
        app.UseMiddleware<TrailingSlashRedirect>();
        app.UseMiddleware<StylesheetMiddleware>();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = StaticCaching });
        app.UseMiddleware<ArticleRedirects>();
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

/// <summary>
/// Before the first request: checks the database (a damaged file is moved aside and rebuilt from
/// content/ and the sources kept in it), brings the schema up to date and indexes content/.
/// </summary>
internal sealed partial class ContentStartup(Database database, ContentIndex index, TimeProvider clock, ILogger<ContentStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // SQLite's structural check reads the whole file (0.4 s for 10,000 articles); the snapshot of a
        // current database is read meanwhile, on the other core. Both only read. The sync below then
        // reuses every article whose row did not change; if the check finds damage, the rebuilt
        // database replaces all of it (its rows are new, so nothing of the preloaded snapshot is reused).
        var noGc = File.Exists(database.Path) && TryStartNoGCRegion();
        var preload = Task.Run(Preload, cancellationToken);
        var salvage = DatabaseRecovery.CheckAndMoveAsideIfCorrupt(database, clock, logger);
        preload.Wait(cancellationToken);
        if (noGc)
        {
            EndNoGCRegion();
        }

        if (salvage is not null)
        {
            SqliteConnection.ClearAllPools(); // connections the preload left open on the file moved aside
        }

        var check = Stopwatch.GetElapsedTime(started);
        SyncReport? report = null;
        void Index()
        {
            if (salvage is not null)
            {
                var restored = index.Sync.Restore(salvage);
                LogRestored(restored, salvage.Sources.Count, salvage.MovedTo);
            }

            report = index.Refresh();
        }

        // No file yet (first run, a deleted data folder, a damaged file moved aside): built aside, then moved in.
        if (!database.CreateNew(Index))
        {
            database.Migrate();
            Index();
        }

        var indexed = Stopwatch.GetElapsedTime(started);

        // Indexing and loading leave hundreds of MB of temporary strings (file text, JSON documents);
        // give them back now rather than carrying them as resident memory until the GC gets to it.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var elapsed = Stopwatch.GetElapsedTime(started);
        LogPhases(check.TotalMilliseconds, (indexed - check).TotalMilliseconds, (elapsed - indexed).TotalMilliseconds, new RuntimeWork());
        LogReady(index.Current.Articles.Count, report!.Accepted, elapsed.TotalMilliseconds);
        return Task.CompletedTask;
    }

    // Reading 10,000 stored articles back allocates about 200 MB of objects that nearly all live on:
    // outside a no-GC region the workstation GC collects 16 times meanwhile, copying them from
    // generation to generation (0.15-0.35 s of a warm start). The budget is a hint, not a limit: past
    // it, collections resume.
    private const long PreloadWithoutCollections = 256L * 1024 * 1024;

    private static bool TryStartNoGCRegion()
    {
        try
        {
            return GC.TryStartNoGCRegion(PreloadWithoutCollections);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return false; // more than this runtime allows, or already in one: read with collections
        }
    }

    private static void EndNoGCRegion()
    {
        if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            return; // the budget was used up and collections resumed by themselves
        }

        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // Ended by the runtime between the check and here.
        }
    }

    private void Preload()
    {
        try
        {
            if (database.IsCurrent())
            {
                index.Reload();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A damaged file can fail in SQLite or hand back text that is not JSON: the check decides,
            // and the synchronization after it loads the snapshot the usual way.
            LogPreloadFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Start-up: the snapshot could not be read before the check")]
    private partial void LogPreloadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Start-up: database check (and snapshot read) {Check:0} ms, migrate and index {Index:0} ms, memory given back {Collect:0} ms; since the process started: {Runtime}")]
    private partial void LogPhases(double check, double index, double collect, RuntimeWork runtime);

    // Read only when the line is written (at Debug level).
    private readonly struct RuntimeWork
    {
        public override string ToString() =>
            $"{JitInfo.GetCompiledMethodCount()} methods compiled in {JitInfo.GetCompilationTime().TotalMilliseconds:0} ms, {GC.CollectionCount(0)} collections";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Content ready: {Articles} articles ({Accepted} files indexed) in {Elapsed:0} ms")]
    private partial void LogReady(int articles, int accepted, double elapsed);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebuilt the database: restored {Restored} of {Read} rows read back from {MovedTo}, then synchronized content/")]
    private partial void LogRestored(int restored, int read, string movedTo);
}
