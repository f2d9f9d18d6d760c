using System.Globalization;
using System.Text;
using System.Xml;

namespace Kumparan.Content.Import.WordPress;

/// <summary>A term of the export's header (category, tag) or one an item is filed under.</summary>
public sealed record WxrTerm(string Domain, string Slug, string Name, string? Parent = null);

/// <summary>A user of the export's header.</summary>
public sealed record WxrAuthor(string Login, string DisplayName);

/// <summary>One &lt;item&gt; of the export: a post, page, attachment, menu item, revision, ...</summary>
public sealed class WxrItem
{
    /// <summary>Line of the &lt;item&gt; element in the export.</summary>
    public int Line { get; init; }

    public long Id { get; set; }

    public string Title { get; set; } = "";

    public string Link { get; set; } = "";

    public string GuidText { get; set; } = "";

    public string Creator { get; set; } = "";

    public string Content { get; set; } = "";

    public string Excerpt { get; set; } = "";

    public string PostDate { get; set; } = "";

    public string PostDateGmt { get; set; } = "";

    public string Name { get; set; } = "";

    public string Status { get; set; } = "";

    public string Type { get; set; } = "";

    public long Parent { get; set; }

    public string Password { get; set; } = "";

    public string AttachmentUrl { get; set; } = "";

    public List<WxrTerm> Terms { get; } = [];

    public Dictionary<string, string> Meta { get; } = new(StringComparer.Ordinal);

    public string? MetaValue(string key) => Meta.GetValueOrDefault(key);
}

/// <summary>What the export says of itself before its items.</summary>
public sealed class WxrHeader
{
    public string Version { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>The address of the blog (wp:base_blog_url, else the channel's link).</summary>
    public Uri? SiteUrl { get; set; }

    public List<WxrAuthor> Authors { get; } = [];

    public List<WxrTerm> Terms { get; } = [];
}

/// <summary>
/// Reads a WordPress export (WXR 1.0–1.2, the RSS file of Tools → Export) as a stream: one item at a
/// time, so a 2 GB export never lives in memory. The declared encoding is honoured (UTF-8, ISO-8859-1,
/// windows-1252, ...); no DTD is read and no entity expanded beyond XML's own; characters XML 1.0
/// forbids (an old post's pasted control characters, written or as references) are dropped instead of
/// stopping the import. An export cut off or malformed part-way throws <see cref="XmlException"/> with the
/// line; the items read before it were already handed out.
/// </summary>
public sealed class WxrReader : IDisposable
{
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    static WxrReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly XmlReader _xml;
    private bool _inChannel;

    public WxrReader(Stream stream)
    {
        // A UTF-16 export (byte-order mark FF FE or FE FF) has zero bytes in every character: read it as it is.
        var buffered = new BufferedStream(stream);
        Span<byte> start = stackalloc byte[2];
        var utf16 = stream.CanSeek && stream.Read(start) == 2 && (start[0], start[1]) is (0xFF, 0xFE) or (0xFE, 0xFF);
        if (stream.CanSeek)
        {
            stream.Position = 0;
        }

        _xml = XmlReader.Create(utf16 ? buffered : new ControlByteFilter(buffered), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            CheckCharacters = false,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        });
    }

    public WxrHeader Header { get; } = new();

    /// <summary>The items in the export's order; the header's authors and terms are in <see cref="Header"/> once the first item is read.</summary>
    public IEnumerable<WxrItem> Items()
    {
        // Reading an element's content leaves the reader on the node after it: that node is not skipped.
        var onNext = false;
        while (onNext || _xml.Read())
        {
            onNext = false;
            if (_xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (!_inChannel)
            {
                if (_xml.LocalName == "rss" && _xml.Depth == 0)
                {
                    continue;
                }

                if (_xml.LocalName == "channel" && _xml.Depth == 1)
                {
                    _inChannel = true;
                    continue;
                }

                throw new XmlException($"This is not a WordPress export: <{_xml.Name}> where <rss><channel> was expected.", null, Line, 1);
            }

            if (_xml.Depth != 2)
            {
                continue;
            }

            if (_xml.LocalName == "item" && _xml.NamespaceURI.Length == 0)
            {
                yield return ReadItem();
                continue;
            }

            ReadHeaderElement();
            onNext = true;
        }

        if (!_inChannel)
        {
            throw new XmlException("This is not a WordPress export: it has no <rss><channel>.", null, Line, 1);
        }
    }

    private int Line => ((IXmlLineInfo)_xml).LineNumber;

    private void ReadHeaderElement()
    {
        var (ns, name) = (Kind(_xml.NamespaceURI), _xml.LocalName);
        switch (ns, name)
        {
            case ("", "title"):
                Header.Title = Text();
                break;
            case ("", "link"):
                Header.SiteUrl ??= AbsoluteUrl(Text());
                break;
            case ("wp", "wxr_version"):
                Header.Version = Text();
                break;
            case ("wp", "base_blog_url"):
                Header.SiteUrl = AbsoluteUrl(Text()) ?? Header.SiteUrl;
                break;
            case ("wp", "author"):
                var author = Children();
                Header.Authors.Add(new WxrAuthor(author.GetValueOrDefault("author_login", ""), author.GetValueOrDefault("author_display_name", "")));
                break;
            case ("wp", "category"):
                var category = Children();
                Header.Terms.Add(new WxrTerm("category", category.GetValueOrDefault("category_nicename", ""), Decoded(category.GetValueOrDefault("cat_name", "")),
                    category.GetValueOrDefault("category_parent") is { Length: > 0 } parent ? parent : null));
                break;
            case ("wp", "tag"):
                var tag = Children();
                Header.Terms.Add(new WxrTerm("post_tag", tag.GetValueOrDefault("tag_slug", ""), Decoded(tag.GetValueOrDefault("tag_name", ""))));
                break;
            case ("wp", "term"):
                var term = Children();
                Header.Terms.Add(new WxrTerm(term.GetValueOrDefault("term_taxonomy", ""), term.GetValueOrDefault("term_slug", ""), Decoded(term.GetValueOrDefault("term_name", "")),
                    term.GetValueOrDefault("term_parent") is { Length: > 0 } termParent ? termParent : null));
                break;
            default:
                _xml.Skip();
                break;
        }
    }

    private WxrItem ReadItem()
    {
        var item = new WxrItem { Line = Line };
        if (_xml.IsEmptyElement)
        {
            return item;
        }

        var depth = _xml.Depth;
        _xml.Read();
        while (!(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth) && !_xml.EOF)
        {
            if (_xml.NodeType != XmlNodeType.Element)
            {
                _xml.Read();
                continue;
            }

            switch (Kind(_xml.NamespaceURI), _xml.LocalName)
            {
                case ("", "title"):
                    item.Title = Text();
                    break;
                case ("", "link"):
                    item.Link = Text();
                    break;
                case ("", "guid"):
                    item.GuidText = Text();
                    break;
                case ("", "category"):
                    var domain = _xml.GetAttribute("domain") ?? "category";
                    var slug = _xml.GetAttribute("nicename") ?? "";
                    var name = Decoded(Text());
                    item.Terms.Add(new WxrTerm(domain, slug.Length > 0 ? slug : name, name));
                    break;
                case ("dc", "creator"):
                    item.Creator = Text();
                    break;
                case ("content", "encoded"):
                    item.Content = Text();
                    break;
                case ("excerpt", "encoded"):
                    item.Excerpt = Text();
                    break;
                case ("wp", "post_id"):
                    item.Id = Number(Text());
                    break;
                case ("wp", "post_date"):
                    item.PostDate = Text();
                    break;
                case ("wp", "post_date_gmt"):
                    item.PostDateGmt = Text();
                    break;
                case ("wp", "post_name"):
                    item.Name = Text();
                    break;
                case ("wp", "status"):
                    item.Status = Text();
                    break;
                case ("wp", "post_type"):
                    item.Type = Text();
                    break;
                case ("wp", "post_parent"):
                    item.Parent = Number(Text());
                    break;
                case ("wp", "post_password"):
                    item.Password = Text();
                    break;
                case ("wp", "attachment_url"):
                    item.AttachmentUrl = Text();
                    break;
                case ("wp", "postmeta"):
                    var meta = Children();
                    if (meta.GetValueOrDefault("meta_key") is { Length: > 0 } key)
                    {
                        item.Meta[key] = meta.GetValueOrDefault("meta_value", "");
                    }

                    break;
                default:
                    _xml.Skip();
                    break;
            }
        }

        return item;
    }

    /// <summary>The text of the current element (CDATA sections and text joined), positioned after it.</summary>
    private string Text()
    {
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
            return "";
        }

        var text = _xml.ReadElementContentAsString();
        // Character references to what XML forbids (&#1;) are read because CheckCharacters is off.
        return Rendering.XmlCharacters.Clean(text);
    }

    /// <summary>The simple children of the current element by local name (wp:author, wp:category, wp:postmeta).</summary>
    private Dictionary<string, string> Children()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
            return values;
        }

        var depth = _xml.Depth;
        _xml.Read();
        while (!(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth) && !_xml.EOF)
        {
            if (_xml.NodeType == XmlNodeType.Element)
            {
                var name = _xml.LocalName;
                values[name] = Text();
            }
            else
            {
                _xml.Read();
            }
        }

        _xml.Read();
        return values;
    }

    // WordPress keeps term names HTML-escaped ("Ekonomi &amp; Bisnis").
    private static string Decoded(string name) => System.Net.WebUtility.HtmlDecode(name).Trim();

    private static long Number(string text) => long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static Uri? AbsoluteUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    // WXR's namespaces by what they are, whatever the export's version and scheme ("http://wordpress.org/export/1.2/";
    // WordPress.com writes https).
    private static string Kind(string ns) => ns switch
    {
        "" => "",
        ContentNamespace => "content",
        DublinCoreNamespace => "dc",
        _ when ns.StartsWith("http://wordpress.org/export/", StringComparison.Ordinal) || ns.StartsWith("https://wordpress.org/export/", StringComparison.Ordinal)
            => ns.EndsWith("/excerpt/", StringComparison.Ordinal) ? "excerpt" : "wp",
        _ => "other",
    };

    public void Dispose() => _xml.Dispose();
}
