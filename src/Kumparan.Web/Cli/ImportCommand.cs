using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace Kumparan.Web.Cli;

/// <summary>
/// <c>import FILE.jsonl</c>: loads an archive into the site's store (SQLite or PostgreSQL) as database-only
/// articles. Valid lines are imported, invalid ones listed with their line number; exit 1 when any
/// line was rejected, 2 when the file cannot be read.
/// </summary>
public static class ImportCommand
{
    public static int Run(string[] args, TextWriter output)
    {
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
}
