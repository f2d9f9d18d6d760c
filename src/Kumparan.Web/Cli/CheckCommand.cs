using Kumparan.Content.Articles;
using Kumparan.Content.Media;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kumparan.Web.Cli;

/// <summary>
/// <c>check [folder] [--map categories.yml]</c>: validates every file of a content folder without starting
/// the site and exits 1 with the list of problems (for a newsroom's own CI), 0 when every file is accepted,
/// 2 when the folder does not exist or the category map (<c>--map</c>, else Kumparan:CategoryMap) has
/// errors. It runs the site's own synchronization on a scratch database, so it accepts and rejects exactly
/// what the site would (duplicate ids and slugs included).
/// </summary>
public static class CheckCommand
{
    private const string Usage = "Usage: check [content-folder] [--map categories.yml].";

    public static int Run(string[] args, TextWriter output)
    {
        var (options, location) = CliSettings.Load();
        string? folderArgument = null, mapArgument = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--map" && i + 1 < args.Length)
            {
                mapArgument = Path.GetFullPath(args[++i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) || folderArgument is not null)
            {
                output.WriteLine($"error: \"{args[i]}\" is not understood. {Usage}");
                return 2;
            }
            else
            {
                folderArgument = Path.GetFullPath(args[i]);
            }
        }

        var folder = folderArgument ?? location.ContentPath;
        if (!Directory.Exists(folder))
        {
            output.WriteLine($"error: {folder}: no such folder. Give the content folder, e.g. \"check content\".");
            return 2;
        }

        if (CliSettings.LoadCategoryMap(options, mapArgument ?? ContentPaths.CategoryMap(options.CategoryMap, folder), output) is not { } categories)
        {
            return 2;
        }

        var scratch = Path.Combine(Path.GetTempPath(), "kumparan-check-" + Guid.NewGuid().ToString("N"));
        try
        {
            var database = new Database(Path.Combine(scratch, "check.db"));
            database.Migrate();
            var sync = new ContentSync(new ArticleStore(database), options, folder, NullLogger.Instance, categories: categories);
            var report = sync.Run();
            foreach (var warning in ContentError.InFileOrder(report.Warnings))
            {
                output.WriteLine($"warning: {warning}");
            }

            foreach (var error in ContentError.InFileOrder(report.Errors))
            {
                output.WriteLine($"error: {error}");
            }

            // The sync's own inspector: the pictures its articles named are checked once, not again here.
            var pictures = CheckPictures(sync.Context.Media, output);
            output.WriteLine($"{report.Scanned} files checked, {report.Accepted} accepted, {report.Rejected} rejected, {report.Warnings.Count} warning{(report.Warnings.Count == 1 ? "" : "s")}; " +
                $"{pictures.Checked} picture{(pictures.Checked == 1 ? "" : "s")} checked, {pictures.Bad} cannot be shown.");
            return report.Errors.Count == 0 && pictures.Bad == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }

    // Every picture in content/media, as the site would check it before showing it: a bad one is an
    // error here even when no article shows it yet (the article that does is published without it).
    private static (int Checked, int Bad) CheckPictures(MediaInspector inspector, TextWriter output)
    {
        if (!Directory.Exists(inspector.MediaRoot))
        {
            return (0, 0);
        }

        var (count, bad) = (0, 0);
        var names = Directory.EnumerateFiles(inspector.MediaRoot, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(inspector.MediaRoot, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(n => MediaInspector.FormatOfName(n) is not null || MediaInspector.LooksLikePicture(Path.Combine(inspector.MediaRoot, n)))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            count++;
            var check = MediaInspector.IsSafeName(name)
                ? inspector.Check(name)
                : MediaCheck.Bad($"content/media/{name}: the name may only hold letters, digits, - _ . and /.", "Rename the file.");
            if (check.Image is null)
            {
                bad++;
                output.WriteLine($"error: {check.Problem} {check.Fix}");
            }
        }

        return (count, bad);
    }
}
