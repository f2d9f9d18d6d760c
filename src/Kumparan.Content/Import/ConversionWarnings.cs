namespace Kumparan.Content.Import;

/// <summary>
/// What a conversion dropped or changed, one sentence per kind of thing (with how many and, for
/// addresses, the first few), so that an editor reads a short list instead of one line per tag.
/// </summary>
internal sealed class ConversionWarnings
{
    private const int DetailsShown = 3;

    private readonly List<Kind> _order = [];
    private readonly Dictionary<string, Kind> _kinds = new(StringComparer.Ordinal);

    private sealed class Kind(Func<int, string, string> sentence)
    {
        public int Count;
        public readonly List<string> Details = [];
        public bool MoreDetails;

        public string Sentence() =>
            sentence(Count, string.Join(", ", Details) + (MoreDetails ? ", …" : ""));
    }

    public void Element(string name) =>
        Add("element " + name, null, (n, _) => n == 1 ? $"Dropped {Article(name)} <{name}> element." : $"Dropped {n} <{name}> elements.");

    public void Form() =>
        Add("form", null, (n, _) => n == 1 ? "Dropped a form (<form>) with its fields and text." : $"Dropped {n} forms (<form>) with their fields and text.");

    public void Embed(string label, string? url) =>
        BecameLink("embed " + label, $"an embedded player ({label})", $"embedded players ({label})", url);

    public void Shortcode(string name) =>
        Add("shortcode " + name, null, (n, _) => n == 1
            ? $"Dropped the shortcode [{name}]: it has no Markdown form."
            : $"Dropped {n} shortcodes [{name}]: they have no Markdown form.");

    public void ShortcodeLink(string name, string? url) =>
        BecameLink("shortcode " + name, $"the shortcode [{name}]", $"shortcodes [{name}]", url);

    public void UnsafeLink(string scheme) =>
        Add("unsafe link", scheme, (n, schemes) => n == 1
            ? $"Dropped a link with an unsafe address ({schemes}); its text is kept."
            : $"Dropped {n} links with unsafe addresses ({schemes}); their text is kept.");

    public void UnsafeImage(string scheme) =>
        Add("unsafe image", scheme, (n, schemes) => n == 1
            ? $"Dropped an image with an unsafe address ({schemes})."
            : $"Dropped {n} images with unsafe addresses ({schemes}).");

    public void ImageWithoutAddress() =>
        Add("image without address", null, (n, _) => n == 1 ? "Dropped an image with no address." : $"Dropped {n} images with no address.");

    public void Nesting(int levels) =>
        Add("nesting", null, (_, _) => $"Flattened quotes or lists nested more than {levels} levels deep.");

    public void MergedCells() =>
        Add("merged cells", null, (_, _) => "Flattened merged table cells (colspan, rowspan): check the table's columns.");

    public void NestedTable() =>
        Add("nested table", null, (_, _) => "Flattened a table inside a table cell, a heading or a deep list into text.");

    // Something that plays or shows an address: a link to the address takes its place, if it has one.
    private void BecameLink(string key, string one, string many, string? url)
    {
        if (url is null)
        {
            Add(key + " without address", null, (n, _) => n == 1 ? $"Dropped {one} with no web address." : $"Dropped {n} {many} with no web address.");
        }
        else
        {
            Add(key, Shorten(url), (n, urls) => n == 1 ? $"Dropped {one} from {urls}: it became a link." : $"Dropped {n} {many} from {urls}: they became links.");
        }
    }

    public IReadOnlyList<string> ToList() => _order.Select(k => k.Sentence()).ToList();

    private void Add(string key, string? detail, Func<int, string, string> sentence)
    {
        if (!_kinds.TryGetValue(key, out var kind))
        {
            kind = new Kind(sentence);
            _kinds.Add(key, kind);
            _order.Add(kind);
        }

        kind.Count++;
        if (detail is null || kind.Details.Contains(detail))
        {
            return;
        }

        if (kind.Details.Count < DetailsShown)
        {
            kind.Details.Add(detail);
        }
        else
        {
            kind.MoreDetails = true;
        }
    }

    private static string Article(string word) => word.Length > 0 && "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    private static string Shorten(string url) => url.Length <= 80 ? url : url[..80] + "…";
}
