using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Kumparan.Content.Articles;
using Kumparan.Content.Storage;

namespace Kumparan.Content.Import.WordPress;

/// <summary>Where an import of a WordPress export (one file, or the parts a large export was split into) reads and writes.</summary>
/// <param name="ContentRoot">The site's content folder: mapped pages go to its pages/, copied pictures to media/wp/.</param>
/// <param name="FooterPages">The site's footer pages: their paths are never taken over by an old address.</param>
/// <param name="Uploads">The old site's wp-content/uploads folder, when the newsroom has it: pictures are copied from it.</param>
/// <param name="PostTypes">The item types that are posts: "post", and a site's own (a "berita" type of a plugin).</param>
public sealed record WordPressSource(IReadOnlyList<string> Exports, CategoryMap Map, string ContentRoot, IReadOnlyCollection<string> FooterPages, string? Uploads = null, IReadOnlyCollection<string>? PostTypes = null)
{
    public WordPressSource(string export, CategoryMap map, string contentRoot, IReadOnlyCollection<string> footerPages, string? uploads = null)
        : this([export], map, contentRoot, footerPages, uploads)
    {
    }
}

/// <summary>
/// Imports a WordPress export into the store: published (and scheduled) posts become database-only
/// articles, mapped pages become footer pages, and every old address (permalinks, <c>?p=</c> links,
/// attachment pages, categories, tags, authors, feeds) answers 301 to its new home. Two passes over the
/// file, each a stream: the first notes the attachments (in a scratch database, so a million of them
/// cost no memory), the second converts the posts. An article's id is made from its WordPress date and
/// number, and its <c>/?p=N</c> alias finds it again, so a re-run updates, never duplicates.
/// </summary>
public sealed partial class WordPressImport(ArticleStore store, ParseContext context, WordPressSource source)
{
    // Post statuses WordPress shows to readers; "future" is scheduled and shows at its time.
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal) { "publish", "future" };

    // The site's own first path segments: an old address never takes them over.
    private static readonly string[] Reserved = ["topic", "penulis", "search", "rss", "media", "error", "css", "js", "healthz", "readyz", "metrics", "robots.txt", "sitemap.xml", "sitemap-news.xml"];

    private readonly KumparanOptions _options = context.Options;
    private readonly Dictionary<string, string> _authors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WxrTerm> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WxrTerm> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Domain, string Slug), WxrTerm> _unlisted = [];
    private WordPressReport _report = new();
    private long _post;
    private string _file = "";
    private HtmlToMarkdown _converter = new(new HtmlConversionOptions());
    private Uri? _site;

    public WordPressReport Run()
    {
        var clock = Stopwatch.StartNew();
        _report = new WordPressReport { Export = string.Join(", ", source.Exports.Select(Path.GetFileName)), DefaultChannel = source.Map.Default };
        using var attachments = new AttachmentIndex();
        foreach (var export in source.Exports)
        {
            Read(export, reader => NoteAttachments(reader, attachments), report: false);
        }

        attachments.Complete();
        _converter = new HtmlToMarkdown(new HtmlConversionOptions
        {
            SiteUrl = _site,
            Image = url => LocalPicture(url) is { } name ? "/media/" + name : KeptWhereItIs(url),
            Gallery = named => Gallery(attachments, named),
        });
        using var session = new ImportSession(store, context);
        RedirectArchives(session);
        foreach (var export in source.Exports)
        {
            Read(export, reader => ImportItems(reader, session, attachments), report: true);
        }

        RedirectUnlistedTerms(session);

        // What was read before a broken part is kept: the re-run with a whole export updates it.
        session.Complete();
        _report.Elapsed = clock.Elapsed;
        return _report;
    }

    // One pass over one export; a part that cannot be read is reported (once) and the other parts are still read.
    private void Read(string export, Action<WxrReader> pass, bool report)
    {
        _file = Path.GetFileName(export);
        try
        {
            using var stream = File.OpenRead(export);
            using var reader = new WxrReader(stream);
            pass(reader);
        }
        catch (XmlException e) when (report)
        {
            _report.Fail($"{_file}:{e.LineNumber}:{e.LinePosition}: the export cannot be read past this point: {e.Message} " +
                "What was read before it is imported; export again from WordPress (Tools → Export) and run the import again: it updates, never duplicates.");
        }
        catch (IOException e) when (report)
        {
            _report.Fail($"{_file}: the export cannot be read: {e.Message}");
        }
        catch (Exception e) when (!report && e is XmlException or IOException)
        {
            // The second pass stops at the same place and reports it; the attachments before it count.
        }
    }

    private void NoteAttachments(WxrReader reader, AttachmentIndex attachments)
    {
        try
        {
            foreach (var item in reader.Items())
            {
                if (item.Type == "attachment")
                {
                    var (width, height) = Size(item.MetaValue("_wp_attachment_metadata"));
                    attachments.Add(item.Id, item.Parent, item.AttachmentUrl, item.Link, item.MetaValue("_wp_attachment_image_alt") ?? "", item.Excerpt, width, height);
                }
            }
        }
        finally
        {
            NoteHeader(reader.Header);
        }
    }

    private void NoteHeader(WxrHeader header)
    {
        _report.Version = header.Version.Length > 0 ? header.Version : _report.Version;
        _report.SiteUrl = _site ??= header.SiteUrl;
        foreach (var author in header.Authors.Where(a => a.Login.Length > 0))
        {
            _authors[author.Login] = author.DisplayName.Trim().Length > 0 ? author.DisplayName.Trim() : author.Login;
        }

        foreach (var term in header.Terms.Where(t => t.Domain == "category" && t.Slug.Length > 0))
        {
            _categories[term.Slug] = term;
        }

        foreach (var tag in header.Terms.Where(t => t.Domain == "post_tag" && t.Slug.Length > 0))
        {
            _tags[tag.Slug] = tag;
        }
    }

    private void ImportItems(WxrReader reader, ImportSession session, AttachmentIndex attachments)
    {
        var postTypes = source.PostTypes ?? ["post"];
        foreach (var item in reader.Items())
        {
            _report.Items++;
            NoteTerms(item);
            switch (item.Type)
            {
                case var type when postTypes.Contains(type):
                    ImportPost(session, attachments, item);
                    break;
                case "page":
                    ImportPage(session, item);
                    break;
                case "attachment":
                    _report.Skip(item.Parent > 0 ? "attachments (their pages answer 301 to their posts)" : "attachments of no post");
                    break;
                default:
                    _report.Skip($"items of type {(item.Type.Length > 0 ? item.Type : "(none)")}");
                    break;
            }
        }

    }

    private void ImportPost(ImportSession session, AttachmentIndex attachments, WxrItem item)
    {
        var idAlias = $"/?p={item.Id}";
        var earlier = item.Id > 0 ? session.ArticleWithAlias(idAlias) : null;
        var hidden = !Public.Contains(item.Status) || item.Password.Length > 0;
        if (hidden && earlier is null)
        {
            _report.Skip(item.Password.Length > 0 ? "password-protected posts" : $"{Plural(item.Status.Length > 0 ? item.Status : "unknown-status")} posts");
            return;
        }

        var label = $"{_file}:{item.Line}: item {item.Id} \"{Short(Decoded(item.Title))}\"";
        var warnings = new List<string>();
        var date = PublicationDate(item, warnings);
        if (date is null)
        {
            Reject(label, "it has no valid date (wp:post_date_gmt or wp:post_date).", "Give the post a date in WordPress and export again.");
            return;
        }

        _post = item.Id;
        var converted = _converter.Convert(item.Content);
        warnings.AddRange(converted.Warnings);
        var title = _converter.PlainText(item.Title);
        if (title.Length == 0)
        {
            // An aside or status post: WordPress shows "(no title)"; its first words say more.
            title = AtWord(_converter.PlainText(item.Content), 80);
            if (title.Length == 0)
            {
                Reject(label, "it has neither a title nor text.", "Give the post a title in WordPress and export again, or leave it out.");
                return;
            }

            warnings.Add("The post has no title; its first words became the title.");
        }

        var categories = item.Terms.Where(t => t.Domain == "category").ToList();
        var (channel, decidedBy) = Channel(categories);
        if (channel is null)
        {
            Reject(label, $"no channel: {(categories.Count == 0 ? "the post has no category" : "none of its categories (" + string.Join(", ", categories.Select(c => c.Name)) + ") is in the map")} and the map has no default.",
                "Add the categories to the map (categories:) or a default channel (default:).");
            return;
        }

        var id = earlier ?? Id(date.Value, item.Id);
        var slug = SlugOf(item, title);
        if (session.SlugOwner(channel, slug, id) is { } owner)
        {
            // Taken by an article of this site: the id in the URL keeps the two apart, the slug need not.
            warnings.Add($"The slug \"{slug}\" is taken in {channel} by {owner}; this post's is \"{slug}-{item.Id}\".");
            slug = $"{slug}-{item.Id}";
        }

        var topics = Topics(item, decidedBy, warnings);
        var frontMatter = new List<KeyValuePair<string, object?>>
        {
            new("id", id),
            new("title", title.Length > 300 ? title[..300] : title),
            new("channel", channel),
            new("date", date.Value.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
            new("slug", slug),
            new("authors", Authors(item)),
            new("summary", Summary(item.Excerpt)),
            new("topics", topics.Count > 0 ? topics : null),
        };
        var lead = LeadImage(attachments, item, warnings).ToList();
        frontMatter.AddRange(lead);
        if (hidden)
        {
            frontMatter.Add(new("draft", true));
        }

        var aliases = new List<string> { idAlias };
        // An item's own link is on the old site whatever host the export's header names (a multisite's mapped
        // domain, http against https): its path is what readers and search engines know.
        if (LegacyPath.OnSite(item.Link, site: null) is { } permalink && Usable(permalink) is { } path && path != "/")
        {
            aliases.Add(path);
        }

        frontMatter.Add(new("aliases", aliases));
        var body = lead.Count > 0 ? BodyWithoutLeadPicture(converted.Markdown, (string)lead[0].Value!) : converted.Markdown;
        var result = session.Add(ImportSession.Source(frontMatter, body));
        if (result.Outcome == ImportOutcome.Rejected)
        {
            Reject(label, string.Join(" ", result.Errors.Select(e => e.Problem)), result.Errors.Count > 0 ? result.Errors[0].Fix : "");
            return;
        }

        foreach (var warning in warnings.Concat(result.Warnings.Select(w => w.Problem)))
        {
            _report.Warned(Kind(warning));
            _report.Problem($"{label}: warning: {warning}");
        }

        switch (result.Outcome)
        {
            case ImportOutcome.New:
                _report.New++;
                break;
            case ImportOutcome.Updated:
                _report.Updated++;
                break;
            default:
                _report.Unchanged++;
                break;
        }

        if (hidden)
        {
            _report.Hidden++;
            _report.Skip(item.Password.Length > 0 ? "password-protected posts" : $"{Plural(item.Status)} posts");
            return;
        }

        _report.Redirects += aliases.Count;
        if (decidedBy is not null)
        {
            var seen = _report.Channels.GetValueOrDefault(decidedBy.Name);
            _report.Channels[decidedBy.Name] = (channel, seen.Posts + 1);
        }
        else
        {
            var key = categories.Count == 0 ? "(none)" : string.Join(" + ", categories.Select(c => c.Name));
            _report.FellToDefault[key] = _report.FellToDefault.GetValueOrDefault(key) + 1;
        }

        // The attachments' own pages ("/2024/05/01/judul/foto-1/", "/?attachment_id=12") lead to the post.
        var articlePath = result.Article!.Path;
        foreach (var attachment in attachments.Of(item.Id))
        {
            RedirectOld(session, $"/?attachment_id={attachment.Id}", articlePath);
            if (LegacyPath.OnSite(attachment.Link, site: null) is { } page)
            {
                RedirectOld(session, page, articlePath);
            }
        }
    }

    private void ImportPage(ImportSession session, WxrItem item)
    {
        var wordpressSlug = Uri.UnescapeDataString(item.Name);
        if (!Public.Contains(item.Status) || item.Password.Length > 0)
        {
            _report.Skip(item.Password.Length > 0 ? "password-protected pages" : $"{Plural(item.Status)} pages");
            return;
        }

        if (source.Map.PageOf(wordpressSlug) is not { } footerSlug)
        {
            _report.Skip("pages not in the map (pages:)");
            _report.Problem($"{_file}:{item.Line}: item {item.Id}: the page \"{wordpressSlug}\" is not in the map; it was not imported. Add \"{wordpressSlug}: footer-page-slug\" under \"pages:\" to import it.");
            return;
        }

        var label = $"{_file}:{item.Line}: item {item.Id} \"{Short(Decoded(item.Title))}\"";
        var converted = _converter.Convert(item.Content);
        var text = ImportSession.Source([new("title", _converter.PlainText(item.Title))], converted.Markdown);
        var file = Path.Combine(source.ContentRoot, "pages", footerSlug + ".md");
        var bytes = Encoding.UTF8.GetBytes(text);
        var (page, errors) = FooterPages.FooterPageParser.Parse($"pages/{footerSlug}.md", bytes, _options);
        if (page is null)
        {
            Reject(label, string.Join(" ", errors.Select(e => e.Problem)), errors.Count > 0 ? errors[0].Fix : "");
            return;
        }

        if (File.Exists(file) && !File.ReadAllBytes(file).AsSpan().SequenceEqual(bytes))
        {
            _report.Skip("pages whose footer page exists already");
            _report.Warned("A footer page of the map exists already");
            _report.Problem($"{label}: warning: content/pages/{footerSlug}.md exists already and differs; it is left as it is (its old address leads to it). Move it away and run the import again to replace it with this page.");
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, bytes);
            _report.Pages++;
        }

        foreach (var warning in converted.Warnings)
        {
            _report.Warned(Kind(warning));
            _report.Problem($"{label}: warning: {warning}");
        }

        RedirectOld(session, $"/?page_id={item.Id}", "/" + footerSlug);
        if (LegacyPath.OnSite(item.Link, site: null) is { } old)
        {
            RedirectOld(session, old, "/" + footerSlug);
        }
    }

    // Category, tag and author archives and their feeds of every part's header, as the old site's permalinks spell them.
    private void RedirectArchives(ImportSession session)
    {
        foreach (var category in _categories.Values)
        {
            RedirectCategory(session, category);
        }

        foreach (var tag in _tags.Values)
        {
            RedirectTag(session, tag);
        }

        foreach (var (login, name) in _authors)
        {
            if (Slug.FromName(name) is { Length: > 0 } author && Slug.FromName(login) is { Length: > 0 } nicename)
            {
                RedirectOld(session, $"{Prefix}/author/{nicename}", "/penulis/" + author);
            }
        }

        RedirectOld(session, $"{Prefix}/feed", "/rss");
        if (Prefix.Length > 0)
        {
            RedirectOld(session, Prefix, "/");
        }
    }

    // The terms posts are filed under that the export's header does not list (exports of some tools leave it out).
    private void RedirectUnlistedTerms(ImportSession session)
    {
        foreach (var term in _unlisted.Values)
        {
            if (term.Domain == "category")
            {
                RedirectCategory(session, term);
            }
            else
            {
                RedirectTag(session, term);
            }
        }
    }

    private void NoteTerms(WxrItem item)
    {
        foreach (var term in item.Terms.Where(t => t.Domain is "category" or "post_tag" && t.Slug.Length > 0 && !_unlisted.ContainsKey((t.Domain, t.Slug))))
        {
            var listed = term.Domain == "category" ? _categories.ContainsKey(term.Slug) : _tags.ContainsKey(term.Slug);
            if (!listed && _unlisted.Count < 100_000)
            {
                _unlisted[(term.Domain, term.Slug)] = term;
            }
        }
    }

    private string Prefix => _site is null ? "" : _site.AbsolutePath.TrimEnd('/');

    private void RedirectCategory(ImportSession session, WxrTerm category)
    {
        var path = CategoryPath(category);
        if (ChannelOfCategory(category) is { } channel)
        {
            RedirectOld(session, $"{Prefix}/{source.Map.CategoryBase}/{path}", "/" + channel);
            RedirectOld(session, $"{Prefix}/{source.Map.CategoryBase}/{path}/feed", $"/{channel}/rss");
        }
        else if (!IsUncategorized(category) && Slug.FromName(category.Name) is { Length: > 0 } topic)
        {
            RedirectOld(session, $"{Prefix}/{source.Map.CategoryBase}/{path}", "/topic/" + topic);
            RedirectOld(session, $"{Prefix}/{source.Map.CategoryBase}/{path}/feed", $"/topic/{topic}/rss");
        }
    }

    private void RedirectTag(ImportSession session, WxrTerm tag)
    {
        if (Slug.FromName(tag.Name.Length > 0 ? tag.Name : tag.Slug) is { Length: > 0 } topic)
        {
            RedirectOld(session, $"{Prefix}/{source.Map.TagBase}/{tag.Slug}", "/topic/" + topic);
            RedirectOld(session, $"{Prefix}/{source.Map.TagBase}/{tag.Slug}/feed", $"/topic/{topic}/rss");
        }
    }

    private void RedirectOld(ImportSession session, string oldPath, string target)
    {
        if (Usable(oldPath) is { } path && path != target)
        {
            session.Redirect(path, target);
            _report.Redirects++;
        }
    }

    // An old address as it is looked up: no trailing slash (the site answers "/x/" and "/x" alike);
    // null when it would take over one of the site's own addresses.
    private string? Usable(string path)
    {
        var trimmed = path.Length > 1 && !path.Contains('?', StringComparison.Ordinal) ? path.TrimEnd('/') : path;
        if (trimmed.Length == 0 || trimmed.Length > 500 || trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var first = trimmed.TrimStart('/').Split('/', '?')[0];
        var ownPath = trimmed.Count(c => c == '/') == 1 && !trimmed.Contains('?', StringComparison.Ordinal)
            && (_options.Channels.ContainsKey(first) || source.FooterPages.Contains(first));
        return ownPath || Reserved.Contains(first, StringComparer.Ordinal) || first.StartsWith("sitemap", StringComparison.Ordinal) ? null : trimmed;
    }

    private (string? Channel, WxrTerm? DecidedBy) Channel(List<WxrTerm> categories)
    {
        foreach (var category in categories)
        {
            if (DirectChannel(category) is { } channel)
            {
                return (channel, category);
            }
        }

        foreach (var category in categories)
        {
            if (ChannelOfCategory(category) is { } channel)
            {
                return (channel, category);
            }
        }

        return (source.Map.Default, null);
    }

    // A category's channel: its own line in the map, else its parent's (grand-parent's, ...).
    private string? ChannelOfCategory(WxrTerm category)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (WxrTerm? current = _categories.GetValueOrDefault(category.Slug) ?? category; current is not null && seen.Add(current.Slug); current = current.Parent is { } parent ? _categories.GetValueOrDefault(parent) : null)
        {
            if (DirectChannel(current) is { } channel)
            {
                return channel;
            }
        }

        return null;
    }

    // The map names a category by its slug (WordPress's nicename) or by its name.
    private string? DirectChannel(WxrTerm category) => source.Map.ChannelOf(category.Slug) ?? source.Map.ChannelOf(category.Name);

    private string CategoryPath(WxrTerm category)
    {
        var parts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (WxrTerm? current = category; current is not null && seen.Add(current.Slug) && parts.Count < 8; current = current.Parent is { } parent ? _categories.GetValueOrDefault(parent) : null)
        {
            parts.Insert(0, current.Slug);
        }

        return string.Join('/', parts);
    }

    private static bool IsUncategorized(WxrTerm category) => category.Slug is "uncategorized" or "tak-berkategori" or "tanpa-kategori";

    private List<string> Topics(WxrItem item, WxrTerm? decidedBy, List<string> warnings)
    {
        var names = item.Terms.Where(t => t.Domain == "post_tag").Select(t => t.Name)
            .Concat(item.Terms.Where(t => t.Domain == "category" && t != decidedBy && !IsUncategorized(t) && ChannelOfCategory(t) is null).Select(t => t.Name))
            .Where(n => n.Length is > 0 and <= 200 && Slug.FromName(n).Length > 0)
            .DistinctBy(Slug.FromName).ToList();
        if (names.Count > 20)
        {
            warnings.Add($"The post has {names.Count} tags and categories; the first 20 became its topics.");
            names = names[..20];
        }

        return names;
    }

    private List<string>? Authors(WxrItem item)
    {
        // Co-Authors Plus files each author as a term of the "author" taxonomy.
        var coauthors = item.Terms.Where(t => t.Domain == "author").Select(t => t.Name).Where(n => n.Length is > 0 and <= 200).Distinct(StringComparer.Ordinal).ToList();
        if (coauthors.Count > 0)
        {
            return coauthors.Take(20).ToList();
        }

        // A hand-edited export may leave a stray angle bracket around the login ("themereviewteam>").
        var creator = item.Creator.Trim().Trim('<', '>').Trim();
        return creator.Length == 0 ? null : [_authors.GetValueOrDefault(creator, creator)];
    }

    private string? Summary(string excerpt)
    {
        if (excerpt.Trim().Length == 0)
        {
            return null;
        }

        var text = AtWord(_converter.PlainText(excerpt), 1000);
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// A [gallery]'s pictures as figures: those its "ids" (or the older "include") name, in that order,
    /// else the pictures attached to the post, as WordPress shows them. Null when none is in the export.
    /// </summary>
    private string? Gallery(AttachmentIndex attachments, IReadOnlyDictionary<string, string> named)
    {
        var ids = (named.GetValueOrDefault("ids") ?? named.GetValueOrDefault("include") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0)
            .Where(id => id > 0).Take(200).ToList();
        var pictures = ids.Count > 0 ? ids.Select(attachments.Find).OfType<WxrAttachment>().ToList() : attachments.Of(_post);
        var html = new StringBuilder();
        foreach (var picture in pictures.Where(p => p.Url.StartsWith("http", StringComparison.OrdinalIgnoreCase) && WebAddresses.IsImageFile(p.Url)))
        {
            // The caption is the attachment's HTML: the conversion reads it with the rest of the post.
            html.Append("<figure><img src=\"").Append(System.Net.WebUtility.HtmlEncode(picture.Url)).Append("\" alt=\"").Append(System.Net.WebUtility.HtmlEncode(picture.Alt)).Append("\">");
            if (!string.IsNullOrWhiteSpace(picture.Caption))
            {
                html.Append("<figcaption>").Append(picture.Caption).Append("</figcaption>");
            }

            html.Append("</figure>\n");
        }

        return html.Length == 0 ? null : html.ToString();
    }

    /// <summary>
    /// The body without the featured picture when the editor also put it in the text (the classic editor's
    /// habit): the page shows it once, as its lead image with its caption. The first paragraph holding
    /// only that picture goes, with the caption paragraph after it.
    /// </summary>
    internal static string BodyWithoutLeadPicture(string markdown, string lead)
    {
        var leadKey = PictureKey(lead.StartsWith("https://", StringComparison.Ordinal) ? lead : "/media/" + lead);
        var blocks = markdown.Split("\n\n");
        for (var i = 0; i < blocks.Length; i++)
        {
            if (LonePicture().Match(blocks[i]) is { Success: true } match && PictureKey(match.Groups[1].Value) == leadKey)
            {
                var count = i + 1 < blocks.Length && blocks[i + 1].Length > 2 && blocks[i + 1][0] == '*' && blocks[i + 1][^1] == '*' && !blocks[i + 1].Contains('\n', StringComparison.Ordinal) ? 2 : 1;
                return string.Join("\n\n", blocks.Take(i).Concat(blocks.Skip(i + count)));
            }
        }

        return markdown;
    }

    // One picture under its sizes: WordPress's "foto-1024x683.jpg" is "foto.jpg".
    private static string PictureKey(string url) => SizeSuffix().Replace(url.Trim('<', '>'), "");

    [GeneratedRegex(@"^!\[[^\n]*\]\((<[^>\n]+>|[^\s)]+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex LonePicture();

    private IEnumerable<KeyValuePair<string, object?>> LeadImage(AttachmentIndex attachments, WxrItem item, List<string> warnings)
    {
        if (item.MetaValue("_thumbnail_id") is not { } thumbnail || !long.TryParse(thumbnail, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || attachments.Find(id) is not { } picture)
        {
            yield break;
        }

        var alt = Decoded(picture.Alt);
        var caption = _converter.PlainText(picture.Caption);
        if (LocalPicture(picture.Url) is { } name)
        {
            yield return new("image", name);
        }
        else if (picture.Url.StartsWith("https://", StringComparison.Ordinal) && picture.Width > 0 && picture.Height > 0)
        {
            KeptWhereItIs(picture.Url);
            yield return new("image", picture.Url);
            yield return new("image_width", picture.Width);
            yield return new("image_height", picture.Height);
        }
        else
        {
            warnings.Add($"The featured image {picture.Url} is left out: {(picture.Url.StartsWith("https://", StringComparison.Ordinal) ? "its size is not in the export" : "it is not on https")}; give --uploads to copy it.");
            yield break;
        }

        if (alt.Length > 0)
        {
            yield return new("image_alt", alt.Length > 500 ? alt[..500] : alt);
        }

        if (caption.Length > 0)
        {
            yield return new("image_caption", caption.Length > 500 ? caption[..500] : caption);
        }
    }

    /// <summary>
    /// The picture at <paramref name="url"/> copied from the uploads folder into content/media/wp (its
    /// original when WordPress's "-1024x683" size of it is named), as a name under content/media; null
    /// when there is no uploads folder or the file is not in it.
    /// </summary>
    private string? LocalPicture(string url)
    {
        const string marker = "/wp-content/uploads/";
        if (source.Uploads is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var at = uri.AbsolutePath.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var relative = Uri.UnescapeDataString(uri.AbsolutePath[(at + marker.Length)..]);
        if (relative.Split('/').Any(p => p is "" or "." or ".."))
        {
            return null;
        }

        var original = SizeSuffix().Replace(relative, "");
        var found = new[] { original, relative }.Select(r => Path.Combine(source.Uploads, r)).FirstOrDefault(File.Exists);
        if (found is null)
        {
            return null;
        }

        var name = "wp/" + string.Join('/', Path.GetRelativePath(source.Uploads, found).Replace('\\', '/').Split('/').Select(SafeSegment));
        var target = Path.Combine(source.ContentRoot, "media", name);
        if (!File.Exists(target) || new FileInfo(target).Length != new FileInfo(found).Length)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(found, target, overwrite: true);
            _report.PicturesCopied++;
        }

        return name;
    }

    // A picture not copied stays at its address (the old site's pictures are counted for the report:
    // they are gone once DNS points at the new site); a local path would lead nowhere on this site.
    private string KeptWhereItIs(string url)
    {
        if (_site is not null && LegacyPath.OnSite(url, _site) is not null)
        {
            _report.PicturesOnOldHost++;
        }

        return url;
    }

    private static string SafeSegment(string segment)
    {
        var safe = new string(segment.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()).Trim('.');
        return safe.Length == 0 ? "x" : safe;
    }

    [GeneratedRegex(@"-\d{2,5}x\d{2,5}(?=\.[A-Za-z0-9]+$)", RegexOptions.CultureInvariant)]
    private static partial Regex SizeSuffix();

    [GeneratedRegex(@"s:5:""width"";i:(\d+);s:6:""height"";i:(\d+);", RegexOptions.CultureInvariant)]
    private static partial Regex SerializedSize();

    // "_wp_attachment_metadata" is PHP-serialized; its first width and height are the original's.
    private static (int Width, int Height) Size(string? metadata)
    {
        var match = metadata is null ? Match.Empty : SerializedSize().Match(metadata);
        return match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var width) && int.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, out var height)
            && width is > 0 and <= 20_000 && height is > 0 and <= 20_000
            ? (width, height)
            : (0, 0);
    }

    private static DateTimeOffset? PublicationDate(WxrItem item, List<string> warnings)
    {
        const string format = "yyyy-MM-dd HH:mm:ss";
        if (DateTime.TryParseExact(item.PostDateGmt.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc) && utc.Year >= 1970)
        {
            return new DateTimeOffset(utc, TimeSpan.Zero);
        }

        if (DateTime.TryParseExact(item.PostDate.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && local.Year >= 1970)
        {
            warnings.Add("The export has no UTC date for the post (wp:post_date_gmt); its local date was read as WIB.");
            return new DateTimeOffset(local, TimeSpan.FromHours(7));
        }

        return null;
    }

    /// <summary>Base62 of the post's time in nanoseconds, its WordPress number in the nanoseconds: two posts of one second differ.</summary>
    private static string Id(DateTimeOffset published, long postId)
    {
        var seconds = published.ToUnixTimeSeconds();
        return ArticleId.ToBase62(new BigInteger(seconds) * 1_000_000_000 + (postId % 1_000_000_000));
    }

    // At most max characters, cut after a word when one ends in the second half, with "…" when cut.
    private static string AtWord(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 4 ? cut : max - 1)] + "…";
    }

    private static string SlugOf(WxrItem item, string title)
    {
        var name = Uri.UnescapeDataString(item.Name.Trim());
        var slug = Slug.FromName(name.Length > 0 ? name : title);
        if (slug.Length == 0)
        {
            slug = "artikel-" + item.Id.ToString(CultureInfo.InvariantCulture);
        }

        if (slug.Length > Slug.MaxLength)
        {
            var cut = slug.LastIndexOf('-', Slug.MaxLength);
            slug = slug[..(cut > 20 ? cut : Slug.MaxLength)].TrimEnd('-');
        }

        return slug;
    }

    private void Reject(string label, string problem, string fix)
    {
        _report.Rejected++;
        _report.Problem($"{label}: error: {problem} {fix}".TrimEnd());
    }

    // A warning's kind for the report's counts: its text without the numbers, URLs and quoted parts that vary.
    private static string Kind(string warning)
    {
        var kind = VariablePart().Replace(warning, "…");
        return kind.Length > 90 ? kind[..90] + "…" : kind;
    }

    [GeneratedRegex(@"https?://\S+|""[^""]*""|\d+", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePart();

    private static string Decoded(string text) => System.Net.WebUtility.HtmlDecode(text).Trim();

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static string Plural(string status) => status switch
    {
        "trash" => "trashed",
        "inherit" => "revision",
        _ => status,
    };
}
