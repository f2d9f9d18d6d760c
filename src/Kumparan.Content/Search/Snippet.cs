namespace Kumparan.Content.Search;

/// <summary>A run of snippet text; <see cref="Marked"/> runs are the words that matched.</summary>
public sealed record SnippetPart(string Text, bool Marked);

/// <summary>
/// Reads the text FTS5's snippet() and highlight() return with marker characters around matches.
/// The result is plain text in parts; the page HTML-encodes every part and wraps marked ones in
/// &lt;mark&gt;, so nothing from an article is ever trusted as HTML.
/// </summary>
public static class Snippet
{
    public const char Open = '\u0002';

    public const char Close = '\u0003';

    /// <summary>The markers as SQL string literals for snippet()/highlight(): char(2), char(3).</summary>
    public const string OpenSql = "char(2)";

    public const string CloseSql = "char(3)";

    public static IReadOnlyList<SnippetPart> Parse(string? marked)
    {
        if (string.IsNullOrEmpty(marked))
        {
            return [];
        }

        var parts = new List<SnippetPart>();
        var inside = false;
        var start = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            var end = i == marked.Length;
            var c = end ? '\0' : marked[i];
            if (!end && c != Open && c != Close)
            {
                continue;
            }

            if (i > start)
            {
                parts.Add(new SnippetPart(marked[start..i], inside));
            }

            // A stray marker (one the text itself contained) only toggles nothing it should not: Open opens, Close closes.
            inside = !end && c == Open;
            start = i + 1;
        }

        return parts;
    }

    public static bool HasMatch(IReadOnlyList<SnippetPart> parts) => parts.Any(p => p.Marked);

    public static string Text(IReadOnlyList<SnippetPart> parts) => string.Concat(parts.Select(p => p.Text));
}
