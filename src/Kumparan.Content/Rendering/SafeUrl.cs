namespace Kumparan.Content.Rendering;

/// <summary>Which link targets may become active links: http(s), mailto, tel and relative references.</summary>
public static class SafeUrl
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto", "tel"];

    public static bool IsSafe(string url)
    {
        // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:"),
        // so look at the URL as a browser would before deciding.
        Span<char> buffer = stackalloc char[Math.Min(url.Length, 64)];
        var length = 0;
        foreach (var c in url)
        {
            if (c <= ' ' || char.IsControl(c) || c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                break;
            }

            buffer[length++] = c;
        }

        var cleaned = buffer[..length];
        var colon = cleaned.IndexOf(':');
        if (colon < 0)
        {
            return true;
        }

        // A colon after a path, query or fragment delimiter is not a scheme: "/a:b", "?x=y:z", "#a:b".
        var delimiter = cleaned.IndexOfAny('/', '?', '#');
        if (delimiter >= 0 && delimiter < colon)
        {
            return true;
        }

        var scheme = cleaned[..colon];
        foreach (var allowed in AllowedSchemes)
        {
            if (scheme.Equals(allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
