namespace Kumparan.Content;

/// <summary>Site configuration, bound from the <c>Kumparan</c> section.</summary>
public sealed class KumparanOptions
{
    public const string Section = "Kumparan";

    /// <summary>Folder with <c>articles/</c>, <c>pages/</c> and <c>media/</c>. Empty: the repository's <c>content/</c>.</summary>
    public string ContentPath { get; set; } = "";

    /// <summary>Folder that holds the SQLite file. Empty: the repository's git-ignored <c>data/</c>.</summary>
    public string DataPath { get; set; } = "";

    /// <summary>Absolute base URL used for canonical links, feeds and sitemaps (never the request's Host).</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    public string SiteName { get; set; } = "kumparan";

    public string Publisher { get; set; } = "PT Dynamo Media Network";

    /// <summary>Channel slug → name shown. An article naming another channel is rejected.</summary>
    public Dictionary<string, string> Channels { get; set; } = new(StringComparer.Ordinal)
    {
        ["kumparannews"] = "kumparanNEWS",
        ["kumparanbisnis"] = "kumparanBISNIS",
        ["kumparantech"] = "kumparanTECH",
        ["kumparanhits"] = "kumparanHITS",
        ["kumparansains"] = "kumparanSAINS",
        ["kumparanfood"] = "kumparanFOOD",
        ["kumparanmom"] = "kumparanMOM",
        ["kumparanoto"] = "kumparanOTO",
        ["kumparantravel"] = "kumparanTRAVEL",
        ["kumparanbola"] = "kumparanBOLA",
    };

    /// <summary>
    /// A map file of Hugo's and Jekyll's categories → channels (see <see cref="Import.CategoryMap"/>); a relative
    /// path is taken from the content folder's parent. Empty: no map.
    /// </summary>
    public string CategoryMap { get; set; } = "";

    public ReadingOptions Reading { get; set; } = new();

    public AdOptions Ads { get; set; } = new();

    public SearchOptions Search { get; set; } = new();

    public Media.ImageOptions Images { get; set; } = new();

    /// <summary>
    /// How long start-up waits for the first index of an empty database before it serves (a small folder
    /// is then complete at the first request; a big one goes on indexing while the site serves). A start
    /// on an existing database serves at once and catches up with content/ in the background.
    /// </summary>
    public double FirstIndexWaitSeconds { get; set; } = 10;

    /// <summary>Files larger than this are rejected before they are read.</summary>
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    public WatchOptions Watch { get; set; } = new();

    public DatabaseOptions Database { get; set; } = new();
}

/// <summary>Where the store lives: the embedded SQLite file (default) or a PostgreSQL database shared by several nodes.</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>sqlite</c> (the file <c>kumparan.db</c> in the data folder) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>For <c>postgres</c>: an Npgsql connection string, e.g. <c>Host=db;Database=kumparan;Username=kumparan;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>How often a node that is not the leader tries to take the content folder over (seconds).</summary>
    public double LeaderPollSeconds { get; set; } = 1;

    /// <summary>The store for these options; <paramref name="sqlitePath"/> is the file used when the provider is SQLite.</summary>
    public Storage.Database Open(string sqlitePath) => Provider.ToUpperInvariant() switch
    {
        "SQLITE" or "" => new Storage.Database(sqlitePath),
        "POSTGRES" or "POSTGRESQL" when !string.IsNullOrWhiteSpace(ConnectionString) => Storage.Database.ForPostgres(ConnectionString),
        "POSTGRES" or "POSTGRESQL" => throw new InvalidOperationException(
            "Kumparan:Database:Provider is \"postgres\" but Kumparan:Database:ConnectionString is empty; set it, e.g. Host=127.0.0.1;Database=kumparan;Username=kumparan."),
        _ => throw new InvalidOperationException(
            $"Kumparan:Database:Provider \"{Provider}\" is not known; use \"sqlite\" (the default) or \"postgres\"."),
    };
}

/// <summary>How the running site follows content/ (section <c>Kumparan:Watch</c>).</summary>
public sealed class WatchOptions
{
    /// <summary>Follow file events; when false only the start-up and periodic reconciles run.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Quiet time after a file's last event, and the age its modification time must reach, before it is read.</summary>
    public int DebounceMilliseconds { get; set; } = 100;

    /// <summary>How long a vanished file may stay away before it counts as deleted (rename-over-save brings it back).</summary>
    public int DeleteGraceMilliseconds { get; set; } = 400;

    /// <summary>
    /// Read a file as soon as its writer closes it, and never while it is open for writing, where the
    /// system reports closes (Linux inotify). False: the settle rule everywhere (the quiet time above).
    /// </summary>
    public bool CloseEvents { get; set; } = true;

    /// <summary>
    /// Where the system reports closes (Linux): how long a file open for writing may go without an event
    /// before it is read anyway (a lost close event). A writer pausing mid-file for less is never read half-way.
    /// </summary>
    public int OpenWriterSeconds { get; set; } = 600;

    /// <summary>The longest a settled file waits while a burst of events goes on, so bursts become one synchronization.</summary>
    public int MaxBatchDelayMilliseconds { get; set; } = 1000;

    /// <summary>Full reconcile (and WAL checkpoint) every this many minutes, repairing any missed event.</summary>
    public double ReconcileMinutes { get; set; } = 5;

    /// <summary>Interval of the full reconcile when file events are not available (e.g. the inotify limit is reached).</summary>
    public int PollingSeconds { get; set; } = 2;
}

public sealed class ReadingOptions
{
    /// <summary>Words per minute for alphabetic text (Indonesian).</summary>
    public int WordsPerMinute { get; set; } = 200;

    /// <summary>Characters per minute for CJK runs, which have no spaces between words.</summary>
    public int CjkCharactersPerMinute { get; set; } = 500;
}

public sealed class AdOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>A slot goes after the paragraph at which the words since the previous slot reach this.</summary>
    public int WordsBetweenSlots { get; set; } = 120;

    public bool SlotAfterHeader { get; set; } = true;

    public bool SlotAfterFirstParagraph { get; set; } = true;

    public AdSize Body { get; set; } = new(300, 250);

    public AdSize TopDesktop { get; set; } = new(728, 90);

    public AdSize TopMobile { get; set; } = new(320, 100);

    /// <summary>
    /// The ad server's origin (e.g. "https://iklan.example"). When set, each slot holds a sandboxed
    /// iframe loading "{Origin}/slot?name=...&amp;width=...&amp;height=..."; when empty, the slot stays an empty reserved box.
    /// </summary>
    public string Origin { get; set; } = "";

    /// <summary>Further origins the ad iframe may navigate to (the CSP's frame-src); https only.</summary>
    public List<string> FrameOrigins { get; set; } = [];
}

public sealed class AdSize
{
    public AdSize() { }

    public AdSize(int width, int height) => (Width, Height) = (width, height);

    public int Width { get; set; }

    public int Height { get; set; }
}

public sealed class SearchOptions
{
    /// <summary>
    /// The best matches shown, at most (10 pages of 10). Reading a match's id from FTS5 reads its whole
    /// stored row, so each extra match costs; readers rarely go past the first pages.
    /// </summary>
    public int MaxResults { get; set; } = 100;

    /// <summary>
    /// Up to this many matching articles, all are ranked by bm25 (the title weighing most). A query
    /// matching more (a word found in most articles) shows its <see cref="RecentWindow"/> most recently
    /// indexed matches, those with every word in the title first: ranking every match of a common word
    /// costs in proportion to the archive.
    /// </summary>
    public int FullRankingLimit { get; set; } = 1000;

    /// <summary>How many of a common query's most recently indexed matches are shown.</summary>
    public int RecentWindow { get; set; } = 300;
}
