using Kumparan.Content.Rendering;

namespace Kumparan.Content.Articles;

/// <summary>What the loader needs to know besides the file itself.</summary>
/// <param name="MediaRoot">Absolute path of content/media, for lead images' sizes.</param>
public sealed record ParseContext(KumparanOptions Options, string MediaRoot)
{
    private Media.MediaInspector? _media;

    /// <summary>Checks the pictures the articles show (one per context: it remembers what it checked).</summary>
    public Media.MediaInspector Media
    {
        get => _media ??= new Media.MediaInspector(Options.Images, MediaRoot);
        init => _media = value;
    }

    /// <summary>Where the variants of the pictures an article shows are asked for; none in a check.</summary>
    public Media.VariantMaker? Variants { get; init; }

    /// <summary>Hugo's and Jekyll's categories → channels (none: only categories named like a channel decide).</summary>
    public Import.CategoryMap Categories { get; init; } = Import.CategoryMap.None(Options);
}

/// <summary>Either an article (with warnings) or the errors that kept it out.</summary>
public sealed record ArticleParseResult(Article? Article, string PlainText, IReadOnlyList<ContentError> Errors, IReadOnlyList<ContentError> Warnings)
{
    public bool Accepted => Article is not null;
}

/// <summary>One article file → an <see cref="Article"/>, or errors with file, line and column.</summary>
public static class ArticleParser
{
    private static readonly string[] CorrectionTypes = ["Ralat", "Koreksi", "Hak Jawab"];

    public static ArticleParseResult Parse(string file, ReadOnlySpan<byte> bytes, ParseContext context)
    {
        if (bytes.Length > context.Options.MaxFileBytes)
        {
            return Reject(new ContentError(file, 1, 1, $"The file is {bytes.Length:N0} bytes, over the limit of {context.Options.MaxFileBytes:N0}.",
                "Split it or remove embedded data; images belong in content/media."));
        }

        if (ArticleFileName.IsSectionPage(file))
        {
            return new ArticleParseResult(null, "", [], [new ContentError(file, 1, 1, "A Hugo section page (_index.md) is not an article; it is skipped.",
                "Nothing to do: the channel pages list the articles. Delete the file to silence this warning.")]);
        }

        try
        {
            var text = SourceText.Decode(bytes);
            var parts = SourceText.Split(text);
            // The front matter and the body are checked apart, so a file's problems are all reported at
            // once (a bad date and an unsafe link), not one per save.
            var problems = new List<ContentError>();
            var fields = Checked(file, problems, () => new FrontMatterFields(FrontMatterReader.Read(parts), file));
            var body = Checked(file, problems, () => MarkdownRenderer.Render(parts.Body, parts.BodyLine, new BodyPictures(context.Media, context.Variants)));
            problems.AddRange(body?.Errors.Select(e => e.In(file)) ?? []);
            var article = fields is null ? null : Build(file, fields, body ?? Unreadable, context);
            if (fields is not null)
            {
                problems.AddRange(fields.Errors);
            }

            if (problems.Count > 0 || article is null || body is null)
            {
                // The warnings too: the editor who fixes the errors need not save once more to learn of them.
                List<ContentError> warnings = [.. fields?.AllWarnings() ?? [], .. body?.Warnings.Select(w => w.In(file)) ?? []];
                return new ArticleParseResult(null, "", ContentError.InFileOrder(problems), ContentError.InFileOrder(warnings));
            }

            // A retracted article keeps its URL and the notice; its old body is dropped here, at the
            // source, so no page, list, feed, search index or meta description can serve it again.
            return article.Retracted is { } retraction
                ? new ArticleParseResult(Retract(article, retraction), "", [], fields!.AllWarnings().ToList())
                : new ArticleParseResult(article, body.PlainText, [], [.. fields!.AllWarnings(), .. body.Warnings.Select(w => w.In(file))]);
        }
        catch (ContentException e)
        {
            return Reject(e.ToError(file));
        }
    }

    // Stands in for a body that could not be read, so the front matter is still checked.
    private static readonly RenderedBody Unreadable = new([], "", "");

    /// <summary>Runs one part of the parse; its <see cref="ContentException"/> becomes one of the file's problems.</summary>
    internal static T? Checked<T>(string file, List<ContentError> problems, Func<T> part)
        where T : class
    {
        try
        {
            return part();
        }
        catch (ContentException e)
        {
            problems.Add(e.ToError(file));
            return null;
        }
    }

    private static Article Retract(Article article, Retraction retraction) => article with
    {
        Summary = $"Artikel ini telah dicabut. Alasan: {retraction.Reason}",
        Body = [],
        WordCount = 0,
        ReadingMinutes = 1,
        Image = null,
        NeedsVerification = false,
    };

    private static ArticleParseResult Reject(ContentError error) => new(null, "", [error], []);

    private static Article? Build(string file, FrontMatterFields f, RenderedBody body, ParseContext context)
    {
        var options = context.Options;
        var title = f.Text("title", required: true, maxLength: 300);
        var channel = HugoJekyllKeys.Channel(f, context.Categories, out var otherCategories);
        if (channel is not null && !options.Channels.ContainsKey(channel))
        {
            f.Error(f.Node("channel"), $"\"{channel}\" is not a channel of this site.",
                $"Use one of: {string.Join(", ", options.Channels.Keys)}.");
        }

        // The file's name: a page bundle's folder, a Jekyll post's name without its date (which is the date when no key gives one).
        var (fileSlug, fileDate) = file == Publishing.ContentClaims.DatabaseOwner ? (file, null) : ArticleFileName.Of(file);
        var published = HugoJekyllKeys.Published(f, fileDate);
        var slug = f.Text("slug", maxLength: Articles.Slug.MaxLength) ?? fileSlug;
        if (!Articles.Slug.IsValid(slug))
        {
            f.Error(f.Node("slug"), $"The slug \"{slug}\" may only hold lowercase a-z, 0-9 and single dashes.",
                f.Has("slug") ? "Fix the slug." : "Rename the file (e.g. my-article.md) or add a \"slug:\" key.");
        }

        var id = f.Text("id", maxLength: 32);
        if (id is not null && !ArticleId.IsValid(id))
        {
            f.Error(f.Node("id"), $"The id \"{id}\" may only hold 0-9, A-Z and a-z.", "Remove the id to have one made from the date.");
        }

        var authors = f.Has("authors") ? f.TextList("authors") : f.TextList("author");
        if (f.Has("authors") && f.Has("author"))
        {
            f.Error(f.Node("author"), "Both \"author\" and \"authors\" are given.", "Keep one of them.");
        }

        var article = new Article
        {
            Id = id ?? (published is { } p ? ArticleId.FromPublicationTime(p) : ""),
            Slug = slug,
            Channel = channel ?? "",
            Title = title ?? "",
            Summary = HugoJekyllKeys.Summary(f) ?? body.FirstParagraph,
            Published = published ?? default,
            Updated = HugoJekyllKeys.Updated(f),
            Authors = authors,
            Topics = HugoJekyllKeys.Topics(f, otherCategories),
            Image = LeadImageField.Read(f, context, out var leadPicture),
            Source = f.Text("source", maxLength: 200),
            Draft = HugoJekyllKeys.Draft(f, file),
            Expires = HugoJekyllKeys.Expires(f),
            Ads = f.Flag("ads") ?? true,
            Sponsored = f.Flag("sponsored") ?? false,
            NeedsVerification = f.Flag("needs_verification") ?? false,
            Corrections = ReadCorrections(f),
            Retracted = ReadRetraction(f),
            Aliases = ReadAliases(f),
            Body = body.Blocks,
            WordCount = body.Text.Words,
            ReadingMinutes = ReadingTime.Minutes(body.Text, options.Reading),
            SourcePath = file,
            Pictures = leadPicture is null ? body.Pictures : [.. body.Pictures.Prepend(leadPicture).Distinct(StringComparer.Ordinal)],
        };
        return f.Errors.Count == 0 ? article : null;
    }

    private static List<Correction> ReadCorrections(FrontMatterFields f)
    {
        var corrections = new List<Correction>();
        switch (f.Node("corrections"))
        {
            case null:
                return corrections;
            case YamlList list:
                foreach (var item in list.Items)
                {
                    if (item is not YamlMap map)
                    {
                        f.Error(item, "Each correction must have type, date and text.", "Write \"- type: Ralat\" with \"date:\" and \"text:\" under it.");
                        continue;
                    }

                    var entry = Entries(map);
                    var type = entry.GetValueOrDefault("type") as YamlScalar;
                    var date = entry.GetValueOrDefault("date") is { } d ? f.ParseDate(d) : null;
                    var text = (entry.GetValueOrDefault("text") as YamlScalar)?.Value.Trim();
                    var target = (entry.GetValueOrDefault("article") as YamlScalar)?.Value.Trim();
                    if (type is null || !CorrectionTypes.Contains(type.Value))
                    {
                        f.Error((YamlNode?)type ?? map, "A correction's type must be Ralat, Koreksi or Hak Jawab.", "Set \"type:\" to one of them.");
                    }
                    else if (date is null || string.IsNullOrEmpty(text))
                    {
                        f.Error(map, "A correction needs a date and a text.", "Add \"date:\" and \"text:\".");
                    }
                    else if (target is { Length: > 0 } && !ArticleId.IsValid(target) && !IsLocalPath(target))
                    {
                        f.Error(entry["article"], $"The correction's article \"{Printable(target)}\" is neither an article id nor a path on this site.",
                            "Write the later article's id (e.g. \"article: 24R1wPK1UUi\") or its path (e.g. \"article: /kumparannews/judul-24R1wPK1UUi\").");
                    }
                    else
                    {
                        corrections.Add(new Correction(type.Value, date.Value, text, string.IsNullOrEmpty(target) ? null : target));
                    }
                }

                return corrections;
            case var other:
                f.Error(other, "\"corrections\" must be a list.", "Write \"- type: Ralat\" entries under \"corrections:\".");
                return corrections;
        }
    }

    private static Retraction? ReadRetraction(FrontMatterFields f)
    {
        var node = f.Node("retracted");
        if (node is null)
        {
            return null;
        }

        if (node is YamlMap map && Entries(map) is var entry
            && entry.GetValueOrDefault("date") is { } d && f.ParseDate(d) is { } date
            && (entry.GetValueOrDefault("reason") as YamlScalar)?.Value.Trim() is { Length: > 0 } reason)
        {
            return new Retraction(date, reason);
        }

        f.Error(node, "\"retracted\" needs a date and a reason.", "Write \"retracted:\" with \"date:\" and \"reason:\" indented under it.");
        return null;
    }

    // Old paths that answer 301 here: "aliases:" (ours and Hugo's), Jekyll's "redirect_from:", and the page's own
    // old URL, Hugo's "url:" or Jekyll's "permalink:". Kept without a trailing slash: requests reach them without it.
    private static List<string> ReadAliases(FrontMatterFields f)
    {
        var aliases = new List<string>();
        foreach (var key in (string[])["aliases", "redirect_from"])
        {
            foreach (var alias in f.TextList(key, maxItems: 50))
            {
                if (IsLocalPath(alias))
                {
                    aliases.Add(alias);
                    continue;
                }

                // Point at the item itself, so the editor finds which of several aliases is wrong.
                var node = f.Node(key) is YamlList list
                    ? list.Items.OfType<YamlScalar>().FirstOrDefault(i => FrontMatterFields.CleanText(i.Value) == alias) ?? (YamlNode)list
                    : f.Node(key);
                f.Error(node, $"The alias \"{Printable(alias)}\" is not a path on this site.",
                    "Write old paths starting with a single /, without host or spaces, e.g. \"/kumparannews/judul-lama-24R1wPK1UUi\".");
            }
        }

        foreach (var key in (string[])["url", "permalink"])
        {
            if (f.Text(key, maxLength: 500) is not { } path)
            {
                continue;
            }

            if (path.StartsWith('/') && path.Contains(':', StringComparison.Ordinal))
            {
                f.Warning(f.Node(key), $"\"{key}\" is a pattern (:year, :title, ...), not a path, and is ignored.", "Write the article's old paths under \"aliases:\".");
            }
            else if (!IsLocalPath(path))
            {
                f.Warning(f.Node(key), $"\"{key}\" \"{Printable(path)}\" is not a path on this site, and is ignored.", "Write the old path starting with a single /, e.g. \"/posts/judul-lama/\".");
            }
            else
            {
                aliases.Add(path);
            }
        }

        return aliases.Select(a => a.Length > 1 ? a.TrimEnd('/') : a).Distinct(StringComparer.Ordinal).ToList();
    }

    // Only "/segment/..." paths on this host: no scheme, no "//host", no backslashes, no control
    // characters (CR/LF would split the Location header), no fragment (never sent). A query is allowed
    // for the old addresses of sites that had them ("/?p=123", "/index.php?p=123").
    private static bool IsLocalPath(string path) =>
        path.Length is > 1 and <= 500
        && path[0] == '/'
        && path[1] != '/'
        && !path.Contains("..", StringComparison.Ordinal)
        && path.All(c => c > ' ' && c < 0x7F && c is not '\\' and not '#');

    // Control characters in a message would break the log line they are written to.
    private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));

    private static Dictionary<string, YamlNode> Entries(YamlMap map) =>
        map.Entries.ToDictionary(e => e.Key.Value, e => e.Value, StringComparer.Ordinal);
}
