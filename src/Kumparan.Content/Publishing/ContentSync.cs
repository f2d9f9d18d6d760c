using System.Diagnostics;
using System.Security.Cryptography;
using Dapper;
using Kumparan.Content.Articles;
using Kumparan.Content.Diagnostics;
using Kumparan.Content.FooterPages;
using Kumparan.Content.Import;
using Kumparan.Content.Media;
using Kumparan.Content.Storage;
using Microsoft.Extensions.Logging;

namespace Kumparan.Content.Publishing;

/// <summary>Which paths a synchronization looks at: all (the reconcile), all but some (files still being written), or only some.</summary>
/// <param name="SettledBefore">When set, a changed file modified after this time (UTC) is left for a later sync: it may be half-written.</param>
/// <param name="Only">Paths to synchronize (relative); a picture under media/ stands for the articles that name it.</param>
/// <param name="Reread">Paths read again even when unchanged (the articles of a picture that changed).</param>
public sealed record SyncScope(IReadOnlySet<string>? Only = null, IReadOnlySet<string>? Skip = null, DateTime? SettledBefore = null,
    IReadOnlySet<string>? Reread = null)
{
    public static readonly SyncScope All = new();

    public bool Covers(string path) => Only?.Contains(path) ?? Skip?.Contains(path) != true;
}

public sealed record SyncReport(int Scanned, int Unchanged, int Parsed, int Accepted, int Rejected, int Deleted,
    IReadOnlyList<ContentError> Errors, IReadOnlyList<ContentError> Warnings)
{
    /// <summary>Nothing read, nothing changed (a node that does not synchronize content/).</summary>
    public static SyncReport Nothing { get; } = new(0, 0, 0, 0, 0, 0, [], []);

    public bool Changed => Accepted > 0 || Deleted > 0;

    /// <summary>Changed files left for a later sync because they were modified moments ago (<see cref="SyncScope.SettledBefore"/>).</summary>
    public int Deferred { get; init; }

    /// <summary>Each article written or removed, as it was and as it is; null when there were too many to list (treat everything as changed).</summary>
    public IReadOnlyList<ArticleChange>? Articles { get; init; } = [];

    /// <summary>Slugs of footer pages written or removed.</summary>
    public IReadOnlySet<string> Pages { get; init; } = new HashSet<string>();
}

/// <summary>An article as it was before a write (null: new) and after it (null: removed).</summary>
public sealed record ArticleChange(Article? Before, Article? After);

/// <summary>
/// Brings SQLite in step with content/: unchanged files (same size and time, or same hash) are
/// skipped, changed files are parsed in parallel and written in one transaction. A rejected file
/// leaves the article it used to be untouched, so the last good version keeps serving. Rows that
/// did not come from a file (imports) are never touched.
/// </summary>
/// <param name="variants">Asked for the variants of the pictures accepted articles show; null where none are made (a check).</param>
/// <param name="categories">Hugo's and Jekyll's categories → channels; null: no map.</param>
public sealed partial class ContentSync(ArticleStore store, KumparanOptions options, string contentRoot, ILogger logger, VariantMaker? variants = null,
    CategoryMap? categories = null)
{
    private readonly ParseContext _context = variants is null
        ? new(options, Path.Combine(contentRoot, "media")) { Categories = categories ?? CategoryMap.None(options) }
        : new(options, Path.Combine(contentRoot, "media")) { Media = variants.Inspector, Variants = variants, Categories = categories ?? CategoryMap.None(options) };

    // File systems keep modification times in coarse ticks (a few milliseconds on Linux), so a file
    // saved twice within one tick at the same size looks unchanged. A file whose time is this close
    // to the scan is remembered as "not yet settled" and hashed again by the next sync.
    private static readonly long SettleTicks = TimeSpan.FromSeconds(2).Ticks;

    // Syncs of more changed files than this log accepted files at Debug level (rejections always at Error).
    private const int EachFileLogLimit = 100;

    // Search rows are written in batches (see SyncWriter.Flush).
    private const int SearchBatch = 1_000;

    // A sync of many files commits every this many, so a first index of a big folder is served as it goes.
    private const int CommitBatch = 5_000;

    // Beyond this many written articles a sync reports "everything changed" instead of each article.
    private const int ChangeListLimit = 1_000;

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(3);

    public string ContentRoot => contentRoot;

    /// <summary>The same synchronization of the same folder into another store (a database being rebuilt aside).</summary>
    public ContentSync On(ArticleStore other) => new(other, options, contentRoot, logger, variants, categories);

    public ParseContext Context => _context;

    /// <summary>Synchronizes the whole folder, or only the paths <paramref name="scope"/> names (the watcher's settled files).</summary>
    /// <param name="parallel">Parse on all cores while this thread writes; false parses on this thread only.</param>
    /// <param name="committed">Called after each intermediate commit of a long sync (the rows written so far are served).</param>
    public SyncReport Run(SyncScope? scope = null, bool parallel = true, Action? committed = null)
    {
        var started = Stopwatch.GetTimestamp();
        scope = WithArticlesOfPictures(scope ?? SyncScope.All);
        // The real clock on purpose: it is compared with the file system's own timestamps.
        var scanned = DateTime.UtcNow.Ticks;
        var (candidatesFound, missing, scannedCount) = scope.Only is { } only ? Compare(only, scope) : Compare(scope);
        var known = store.FileStates(candidatesFound.Select(f => f.Path).Concat(missing).ToList());
        foreach (var path in scope.Reread ?? new HashSet<string>())
        {
            // Not "unchanged" by its hash: it is read and written again.
            if (known.TryGetValue(path, out var state))
            {
                known[path] = state with { Hash = "" };
            }
        }

        // The earlier claim keeps an id or slug: files the store already holds first, then by time, then by path.
        var candidates = candidatesFound
            .Where(f => scope.SettledBefore is not { } settled || f.ModifiedTicks <= settled.Ticks)
            .OrderBy(f => known.ContainsKey(f.Path) ? 0 : 1).ThenBy(f => f.ModifiedTicks).ThenBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var changed = candidatesFound;
        // An editor's save gets a line per accepted file; a bulk sync (the first index of a folder) gets
        // the summary line instead: 10,000 lines of "Accepted" cost half a second of a cold index.
        // Files read again only because they were saved moments before the last sync are not counted.
        var acceptedLevel = candidates.Count(f => known.GetValueOrDefault(f.Path) is not { ModifiedTicks: 0 }) <= EachFileLogLimit
            ? LogLevel.Information
            : LogLevel.Debug;

        var errors = new List<ContentError>();
        var warnings = new List<ContentError>();
        var changes = new List<ArticleChange>();
        var pages = new HashSet<string>(StringComparer.Ordinal);
        var tooMany = false;
        void Changed(Article? before, Article? after)
        {
            if (!tooMany && changes.Count >= ChangeListLimit)
            {
                tooMany = true;
                changes.Clear();
            }

            if (!tooMany)
            {
                changes.Add(new ArticleChange(before, after));
            }
        }

        int accepted = 0, deleted = 0;
        // The ingest lag of the running site's syncs (the watcher's); start-up and the tools read files of any age.
        var lags = parallel ? null : new List<long>();
        using var writer = store.Database.WriteLock.EnterScope();
        using var connection = store.Database.Open();
        var transaction = connection.BeginTransaction();
        var statements = new SyncWriter(connection, transaction);
        foreach (var path in missing)
        {
            var id = statements.IdOfSource(path);
            if (id is not null)
            {
                var articlePath = statements.PathOf(id)!;
                Changed(statements.Delete(id), null);
                statements.MarkGone(id, articlePath);
            }

            var page = connection.QuerySingleOrDefault<string?>("DELETE FROM pages WHERE source_path = @path RETURNING slug", new { path }, transaction);
            if (page is not null)
            {
                pages.Add(page);
            }

            deleted += (page is null ? 0 : 1) + (id is null ? 0 : 1);
            connection.Execute("DELETE FROM content_files WHERE path = @path", new { path }, transaction);
            LogDeleted(path);
        }

        // Files are read, parsed and rendered on the other cores while this thread writes the ones
        // before them, in the order above: a cold index takes about as long as the slower of the two.
        var parsed = parallel
            ? OrderedPipeline.Map(candidates, f => Load(f, known.GetValueOrDefault(f.Path)), Environment.ProcessorCount, window: 256)
            : candidates.Select(f => Load(f, known.GetValueOrDefault(f.Path)));
        int loaded = 0, hashUnchanged = 0;
        // How long this thread waited for the parsers: near zero when writing is the slower side.
        var waited = 0L;
        var lastProgress = Stopwatch.GetTimestamp();
        using var items = parsed.GetEnumerator();
        while (true)
        {
            var waitStarted = Stopwatch.GetTimestamp();
            if (!items.MoveNext())
            {
                break;
            }

            waited += Stopwatch.GetTimestamp() - waitStarted;
            var item = items.Current;
            if (item is null)
            {
                continue;
            }

            loaded++;
            hashUnchanged += item.HashUnchanged ? 1 : 0;
            if (loaded % SearchBatch == 0)
            {
                statements.Flush();
            }

            if (loaded % CommitBatch == 0)
            {
                // What is written so far is served from now on; the claims of the rest still see it.
                statements.Flush();
                statements.Dispose();
                transaction.Commit();
                transaction.Dispose();
                KumparanMetrics.Committed(lags);
                committed?.Invoke();
                transaction = connection.BeginTransaction();
                statements = new SyncWriter(connection, transaction);
            }

            if (Stopwatch.GetElapsedTime(lastProgress) >= ProgressEvery)
            {
                lastProgress = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var rate = loaded / elapsed;
                var left = (candidates.Count - loaded) / Math.Max(rate, 1);
                LogProgress(loaded, candidates.Count, rate, left);
            }

            var problems = item.Errors.ToList();
            if (item.Article is { } article)
            {
                problems.AddRange(ContentClaims.Conflicts(statements, article, article.SourcePath!, item.Text));
            }

            if (problems.Count > 0)
            {
                errors.AddRange(problems);
                var stored = statements.SaveFileState(Settled(item.State, scanned) with { Status = "rejected" }, problems);
                // A rejection is logged once per version of the file: a reconcile that reads the same
                // bytes and finds the same problems (an id still taken) does not repeat it.
                var repeated = known.GetValueOrDefault(item.File.Path) is { Status: "rejected" } before && before.Hash == item.State.Hash && before.Errors == stored;
                if (!repeated)
                {
                    KumparanMetrics.FileRejected();
                }

                foreach (var error in problems)
                {
                    if (repeated)
                    {
                        LogStillRejected(error.File, error.Line, error.Column, error.Problem);
                    }
                    else
                    {
                        LogRejected(error.File, error.Line, error.Column, error.Problem, error.Fix);
                    }
                }

                Warn(warnings, item.Warnings, log: !repeated);
                continue;
            }

            if (item.Article is { } a)
            {
                var previous = statements.IdOfSource(a.SourcePath!);
                if (previous is not null && previous != a.Id)
                {
                    Changed(statements.Delete(previous), null);
                }

                var (_, before) = statements.Upsert(a, item.PlainText, item.Text, item.Document, item.Body, item.Source);
                Changed(before, a);
                lags?.Add(item.File.ModifiedTicks);
                LogAccepted(acceptedLevel, item.File.Path, a.Id, a.Path);
            }
            else if (item.Page is { } page)
            {
                var replaced = connection.QuerySingleOrDefault<string?>("SELECT slug FROM pages WHERE source_path = @SourcePath", page, transaction);
                if (replaced is not null && replaced != page.Slug)
                {
                    connection.Execute("DELETE FROM pages WHERE slug = @replaced", new { replaced }, transaction);
                    pages.Add(replaced);
                }

                ArticleStore.UpsertPage(connection, transaction, page, item.Text);
                pages.Add(page.Slug);
                LogAccepted(acceptedLevel, item.File.Path, page.Slug, "/" + page.Slug);
            }

            if (item.Article is not null || item.Page is not null)
            {
                accepted++;
            }

            Warn(warnings, item.Warnings, log: true);
            statements.SaveFileState(Settled(item.State, scanned) with { Status = "accepted" }, []);
        }

        if (pages.Count > 0 || deleted > 0)
        {
            statements.MarkChanged();
        }

        statements.Flush();
        statements.Dispose();
        var writing = Stopwatch.GetElapsedTime(started);
        transaction.Commit();
        transaction.Dispose();
        KumparanMetrics.Committed(lags);
        var commit = Stopwatch.GetElapsedTime(started) - writing;
        var waitedMs = waited * 1000.0 / Stopwatch.Frequency;
        LogTimes(scannedCount, loaded, writing.TotalMilliseconds, waitedMs, commit.TotalMilliseconds);
        return new SyncReport(scannedCount, scannedCount - loaded, loaded - hashUnchanged, accepted,
            errors.Select(e => e.File).Distinct().Count(), deleted, errors, warnings)
        {
            Articles = tooMany ? null : changes,
            Pages = pages,
            Deferred = changed.Count - candidates.Count,
        };
    }

    // Only some paths (an editor's save): each is looked at on disk and in the store.
    private (List<ContentFileInfo> Changed, List<string> Missing, int Scanned) Compare(IReadOnlySet<string> only, SyncScope scope)
    {
        var files = only.Select(p => ContentFolder.Stat(contentRoot, p)).Where(f => f is not null).Select(f => f!).ToList();
        var stored = store.FileSizes(only);
        var changed = files.Where(f => scope.Reread?.Contains(f.Path) == true || !stored.TryGetValue(f.Path, out var s) || s != (f.Size, f.ModifiedTicks)).ToList();
        var onDisk = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return (changed, stored.Keys.Where(p => !onDisk.Contains(p) && scope.Covers(p)).ToList(), files.Count);
    }

    // A picture of content/media that changed (a new version, its arrival, its removal) reads again the
    // articles that name it: they show its new variants, or leave it out, or show it now that it is whole.
    private SyncScope WithArticlesOfPictures(SyncScope scope)
    {
        if (scope.Only is not { } only || !only.Any(PendingFiles.IsPicture))
        {
            return scope;
        }

        var articles = store.ArticlePathsShowing(only.Where(PendingFiles.IsPicture).Select(p => p["media/".Length..]).ToList());
        return scope with
        {
            Only = only.Where(p => !PendingFiles.IsPicture(p)).Concat(articles).ToHashSet(StringComparer.Ordinal),
            Reread = articles.ToHashSet(StringComparer.Ordinal),
        };
    }

    // The whole folder, one directory at a time against the store's rows of that directory, so that
    // a reconcile of a million files holds one directory's listing, not the archive's.
    private (List<ContentFileInfo> Changed, List<string> Missing, int Scanned) Compare(SyncScope scope)
    {
        var changed = new List<ContentFileInfo>();
        var missing = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var scanned = 0;
        foreach (var directory in ContentFolder.Directories(contentRoot))
        {
            visited.Add(directory);
            var files = ContentFolder.Files(contentRoot, directory).Where(f => scope.Skip?.Contains(f.Path) != true).ToList();
            scanned += files.Count;
            var stored = store.FileSizesIn(directory);
            foreach (var file in files)
            {
                if (!stored.Remove(file.Path, out var s) || s != (file.Size, file.ModifiedTicks))
                {
                    changed.Add(file);
                }
            }

            missing.AddRange(stored.Keys.Where(p => scope.Covers(p) && scope.Skip?.Contains(p) != true));
        }

        // Files of folders that are gone (or no longer followed: a symbolic link, a hidden name).
        missing.AddRange(store.FilePaths().Where(p => !visited.Contains(ContentFolder.DirectoryOf(p)) && scope.Covers(p)));
        return (changed, missing, scanned);
    }

    // A file's warnings go into the report, and into the log unless this version was reported before.
    private void Warn(List<ContentError> report, IReadOnlyList<ContentError> found, bool log)
    {
        report.AddRange(found);
        if (!log)
        {
            return;
        }

        foreach (var warning in found)
        {
            LogWarning(warning.File, warning.Line, warning.Column, warning.Problem, warning.Fix);
        }
    }

    // Without this, a quick second save of the same size (or a rename over a file of the same size and
    // tick) would leave the previous version served; SyncProperties' random edit sequences check it.
    private static FileState Settled(FileState state, long scanned) =>
        state.ModifiedTicks > scanned - SettleTicks ? state with { ModifiedTicks = 0 } : state;

    private sealed record Loaded(ContentFileInfo File, FileState State, string Text, Article? Article, string PlainText, FooterPage? Page,
        IReadOnlyList<ContentError> Errors, IReadOnlyList<ContentError> Warnings, bool HashUnchanged)
    {
        public byte[]? Document { get; init; }

        public byte[]? Body { get; init; }

        public byte[]? Source { get; init; }
    }

    private Loaded? Load(ContentFileInfo file, FileState? known)
    {
        var state = new FileState(file.Path, file.Size, file.ModifiedTicks, "", "");
        if (file.Size > options.MaxFileBytes)
        {
            return new Loaded(file, state, "", null, "", null,
                [new ContentError(file.Path, 1, 1, $"The file is {file.Size:N0} bytes, over the limit of {options.MaxFileBytes:N0}.", "Split it; images belong in content/media.")], [], false);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path.Combine(contentRoot, file.Path));
        }
        catch (IOException)
        {
            return null; // Gone or locked between the scan and now; the next sync sees it again.
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        state = state with { Size = bytes.Length, Hash = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
        if (known is not null && known.Hash == state.Hash && known.Status == "accepted")
        {
            // Touched but not changed: remember the new time, keep everything else.
            return new Loaded(file, state, "", null, "", null, [], [], true);
        }

        var text = SafeDecode(bytes);
        try
        {
            if (file.IsPage)
            {
                var (page, pageErrors) = FooterPageParser.Parse(file.Path, bytes, options);
                return new Loaded(file, state, text, null, "", page, pageErrors, [], false);
            }

            var result = ArticleParser.Parse(file.Path, bytes, _context);
            // Serialized here, in parallel, rather than in the single writing transaction.
            return new Loaded(file, state, text, result.Article, result.PlainText, null, result.Errors, result.Warnings, false)
            {
                Document = result.Article is { } article ? StoredArticle.Document(article) : null,
                Body = result.Article is { } withBody ? StoredArticle.Body(withBody) : null,
                Source = result.Article is not null ? StoredArticle.PackSource(text) : null,
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing a file contains may stop the synchronization of the others (or the site): an
            // unexpected failure inside a parser is this file's rejection, and its last good version stays.
            return new Loaded(file, state, text, null, "", null,
                [new ContentError(file.Path, 1, 1, $"The file could not be processed ({e.GetType().Name}).",
                    "Simplify the file (nesting, very long lines, unusual characters) and save it again; tell the developers if it persists.")], [], false);
        }
    }

    private static string SafeDecode(byte[] bytes)
    {
        try
        {
            return SourceText.Decode(bytes);
        }
        catch (ContentException)
        {
            return "";
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sync: {Files} files scanned, {Loaded} read; scan, parse and write {Write:0} ms (waiting for parsers {Waited:0} ms), commit {Commit:0} ms")]
    private partial void LogTimes(int files, int loaded, double write, double waited, double commit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexing content: {Done:N0} of {Total:N0} files ({Rate:0}/s, about {Left:0} s left)")]
    private partial void LogProgress(int done, int total, double rate, double left);

    [LoggerMessage(Message = "Accepted {File} as {Key} at {Url}")]
    private partial void LogAccepted(LogLevel level, string file, string key, string url);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rejected {File}:{Line}:{Column}: {Problem} {Fix}")]
    private partial void LogRejected(string file, int line, int column, string problem, string fix);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Still rejected (unchanged) {File}:{Line}:{Column}: {Problem}")]
    private partial void LogStillRejected(string file, int line, int column, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warning {File}:{Line}:{Column}: {Problem} {Fix}")]
    private partial void LogWarning(string file, int line, int column, string problem, string fix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {File}: the file was deleted")]
    private partial void LogDeleted(string file);
}
