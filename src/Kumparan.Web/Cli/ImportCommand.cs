using Kumparan.Content.Articles;
using Kumparan.Content.Import;
using Kumparan.Content.Import.WordPress;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace Kumparan.Web.Cli;

/// <summary>
/// <c>import FILE.jsonl</c>: loads an archive into the site's store (SQLite or PostgreSQL) as database-only
/// articles. Valid lines are imported, invalid ones listed with their line number; exit 1 when any
/// line was rejected, 2 when the file cannot be read.
/// <c>import wordpress EXPORT.xml [PART2.xml ...] [--map categories.yml] [--uploads DIR] [--post-types post,berita]</c>:
/// a WordPress site's export, whole or in parts (<see cref="WordPressImport"/>), with its report; the same exit codes.
/// </summary>
public static class ImportCommand
{
    private static readonly string[] FooterPages = [.. Hosting.SiteInfo.FooterLinks.Select(l => l.Slug)];

    private const string WordPressUsage = "Usage: import wordpress EXPORT.xml [PART2.xml ...] [--map categories.yml] [--uploads wp-content/uploads] [--post-types post,berita]";

    public static int Run(string[] args, TextWriter output)
    {
        if (args is ["wordpress", .. var rest])
        {
            return RunWordPress(rest, output);
        }

        if (args.Length != 1 || !File.Exists(args[0]))
        {
            output.WriteLine($"error: {(args.Length == 1 ? args[0] + ": no such file." : "give one file.")} Usage: import FILE.jsonl");
            return 2;
        }

        var (options, location) = CliSettings.Load();
        if (CliSettings.LoadCategoryMap(options, ContentPaths.CategoryMap(options.CategoryMap, location.ContentPath), output) is not { } categories)
        {
            return 2;
        }

        using var database = options.Database.Open(location.DatabasePath);
        database.Migrate();
        var import = new ArchiveImport(new ArticleStore(database), new ParseContext(options, location.MediaPath) { Categories = categories });
        ImportReport report;
        using (var reader = new StreamReader(args[0], new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                report = import.Run(Path.GetFileName(args[0]), reader);
            }
            catch (System.Text.DecoderFallbackException)
            {
                output.WriteLine($"error: {args[0]}: the file is not valid UTF-8. Save it with UTF-8 encoding; nothing was imported.");
                return 2;
            }
        }

        if (database.IsPostgres && report.Imported > 0)
        {
            // The running nodes drop what they cached: anything may show an imported article.
            Cluster.ClusterChanges.AnnounceEverything(database, "import");
        }

        SqliteConnection.ClearAllPools();
        foreach (var error in report.Errors)
        {
            output.WriteLine($"error: {error}");
        }

        output.WriteLine($"{report.Lines} lines read, {report.Imported} articles imported into {(database.IsPostgres ? "the PostgreSQL database" : location.DatabasePath)}, {report.Errors.Select(e => e.Line).Distinct().Count()} lines rejected.");
        return report.Errors.Count == 0 ? 0 : 1;
    }

    private static int RunWordPress(string[] args, TextWriter output)
    {
        string? mapPath = null, uploads = null;
        var exports = new List<string>();
        string[] postTypes = ["post"];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--map" when i + 1 < args.Length:
                    mapPath = args[++i];
                    break;
                case "--uploads" when i + 1 < args.Length:
                    uploads = args[++i];
                    break;
                case "--post-types" when i + 1 < args.Length:
                    postTypes = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal):
                    exports.Add(value);
                    break;
                default:
                    output.WriteLine($"error: \"{args[i]}\" is not understood. {WordPressUsage}");
                    return 2;
            }
        }

        var missing = exports.Find(e => !File.Exists(e));
        if (exports.Count == 0 || missing is not null)
        {
            output.WriteLine($"error: {(missing is null ? "give the export file." : missing + ": no such file.")} {WordPressUsage}");
            return 2;
        }

        if (uploads is not null && !Directory.Exists(uploads))
        {
            output.WriteLine($"error: {uploads}: no such folder. Give the old site's wp-content/uploads folder, or leave --uploads out to keep the pictures' addresses. {WordPressUsage}");
            return 2;
        }

        var (options, location) = CliSettings.Load();
        // --map, else the site's own (Kumparan:CategoryMap), else none: only categories named like a channel decide.
        if (CliSettings.LoadCategoryMap(options, mapPath ?? ContentPaths.CategoryMap(options.CategoryMap, location.ContentPath), output, FooterPages) is not { } map)
        {
            output.WriteLine("Nothing was imported.");
            return 2;
        }

        using var database = options.Database.Open(location.DatabasePath);
        database.Migrate();
        var context = new ParseContext(options, location.MediaPath);
        var report = new WordPressImport(new ArticleStore(database), context, new WordPressSource(exports, map, location.ContentPath, FooterPages, uploads is null ? null : Path.GetFullPath(uploads), postTypes)).Run();
        if (database.IsPostgres && report.Imported + report.Redirects > 0)
        {
            Cluster.ClusterChanges.AnnounceEverything(database, "import");
        }

        SqliteConnection.ClearAllPools();
        output.Write(report.ToString());
        return report.ExitCode;
    }
}
