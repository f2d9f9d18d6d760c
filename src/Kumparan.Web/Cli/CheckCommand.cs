using Kumparan.Content;
using Kumparan.Content.Articles;
using Kumparan.Content.FooterPages;
using Kumparan.Content.Publishing;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Cli;

/// <summary>
/// <c>check [folder]</c>: validates every file of a content folder without starting the site and
/// exits 1 with the list of problems (for a newsroom's own CI), 0 when every file is accepted.
/// </summary>
public static class CheckCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        var folder = args.Length > 0 ? Path.GetFullPath(args[0]) : ContentPaths.Resolve(null, null, Directory.GetCurrentDirectory()).Content;
        if (!Directory.Exists(folder))
        {
            output.WriteLine($"{folder}: no such folder.");
            return 2;
        }

        var options = new KumparanOptions();
        var context = new ParseContext(options, Path.Combine(folder, "media"));
        var errors = new List<ContentError>();
        var warnings = new List<ContentError>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = ContentFolder.Scan(folder).OrderBy(f => f.ModifiedTicks).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var bytes = file.Size > options.MaxFileBytes ? new byte[options.MaxFileBytes + 1] : File.ReadAllBytes(file.FullPath);
            if (file.IsPage)
            {
                errors.AddRange(FooterPageParser.Parse(file.Path, bytes, options).Errors);
                continue;
            }

            var result = ArticleParser.Parse(file.Path, bytes, context);
            errors.AddRange(result.Errors);
            warnings.AddRange(result.Warnings);
            if (result.Article is { } article)
            {
                if (!ids.TryAdd(article.Id, file.Path))
                {
                    errors.Add(new ContentError(file.Path, 1, 1, $"The id \"{article.Id}\" already belongs to {ids[article.Id]}.", "Give this article its own \"id:\" or a different date."));
                }

                if (!slugs.TryAdd($"{article.Channel}/{article.Slug}", file.Path))
                {
                    errors.Add(new ContentError(file.Path, 1, 1, $"The slug \"{article.Slug}\" is already used in {article.Channel} by {slugs[$"{article.Channel}/{article.Slug}"]}.", "Choose another \"slug:\"."));
                }
            }
        }

        foreach (var warning in warnings)
        {
            output.WriteLine($"warning: {warning}");
        }

        foreach (var error in errors)
        {
            output.WriteLine($"error: {error}");
        }

        output.WriteLine($"{files.Count} files checked, {errors.Select(e => e.File).Distinct().Count()} rejected, {warnings.Count} warnings.");
        return errors.Count == 0 ? 0 : 1;
    }
}
