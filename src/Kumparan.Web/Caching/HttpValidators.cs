using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Kumparan.Web.Caching;

/// <summary>Which stored encodings a request's Accept-Encoding allows.</summary>
public readonly record struct AcceptedEncodings(bool Brotli, bool Gzip)
{
    public static AcceptedEncodings Parse(StringValues header)
    {
        bool? brotli = null, gzip = null, any = null;
        foreach (var value in header)
        {
            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var item = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? default : rest[(comma + 1)..];
                var semicolon = item.IndexOf(';');
                var name = (semicolon < 0 ? item : item[..semicolon]).Trim();
                var acceptable = semicolon < 0 || !IsZeroQuality(item[(semicolon + 1)..]);
                if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    brotli = acceptable;
                }
                else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase))
                {
                    gzip = acceptable;
                }
                else if (name.SequenceEqual("*"))
                {
                    any = acceptable;
                }
            }
        }

        return new AcceptedEncodings(brotli ?? any ?? false, gzip ?? any ?? false);
    }

    private static bool IsZeroQuality(ReadOnlySpan<char> parameters)
    {
        var trimmed = parameters.Trim();
        return trimmed.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(trimmed[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) && q <= 0;
    }
}

/// <summary>If-None-Match and If-Modified-Since against a stored entry (RFC 9110 section 13).</summary>
public static class HttpValidators
{
    /// <summary>The variant the client already has, when it need not be sent again; null otherwise.</summary>
    public static RenderedVariant? NotModified(HttpRequest request, RenderedEntry entry, RenderedVariant selected)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            foreach (var value in ifNoneMatch)
            {
                var rest = value.AsSpan();
                while (!rest.IsEmpty)
                {
                    var comma = rest.IndexOf(',');
                    var tag = (comma < 0 ? rest : rest[..comma]).Trim();
                    rest = comma < 0 ? default : rest[(comma + 1)..];
                    if (tag.SequenceEqual("*"))
                    {
                        return selected;
                    }

                    // Weak comparison, as If-None-Match requires.
                    if (tag.StartsWith("W/", StringComparison.Ordinal))
                    {
                        tag = tag[2..];
                    }

                    if (entry.Matching(tag) is { } variant)
                    {
                        return variant;
                    }
                }
            }

            return null;
        }

        var ifModifiedSince = request.Headers.IfModifiedSince;
        return ifModifiedSince.Count == 1
            && HeaderUtilities.TryParseDate(ifModifiedSince[0], out var since)
            && entry.LastModified <= since
                ? selected
                : null;
    }
}
