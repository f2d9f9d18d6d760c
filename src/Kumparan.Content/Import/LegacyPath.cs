using System.Text;

namespace Kumparan.Content.Import;

/// <summary>
/// Old addresses in one spelling, so an alias written one way answers a request spelled another way:
/// percent-escapes are decoded, then every byte that is not printable ASCII (and the characters that
/// cannot stand in a path) is escaped again as uppercase <c>%XX</c>. "/2024/05/01/%e2%80%9cjudul/" and
/// the path ASP.NET decodes from it, "/2024/05/01/“judul/", both become "/2024/05/01/%E2%80%9Cjudul/".
/// A plain ASCII path is its own spelling.
/// </summary>
public static class LegacyPath
{
    public static string Normalize(string path)
    {
        if (path.All(c => c is > ' ' and < (char)0x7F and not '%'))
        {
            return path;
        }

        var bytes = Encoding.UTF8.GetBytes(Decode(path));
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is > (byte)' ' and < 0x7F && b is not (byte)'%' and not (byte)'"' and not (byte)'<' and not (byte)'>' and not (byte)'\\' and not (byte)'^'
                and not (byte)'`' and not (byte)'{' and not (byte)'|' and not (byte)'}' and not (byte)'#')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    // Escapes that do not decode to valid UTF-8 stay as they are (Uri.UnescapeDataString keeps them).
    private static string Decode(string path) => path.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(path) : path;

    /// <summary>The path (and query) of an absolute URL on <paramref name="site"/>'s host, normalized; null for another host.</summary>
    public static string? OnSite(string url, Uri? site)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        if (site is not null && !string.Equals(WithoutWww(uri.Host), WithoutWww(site.Host), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = uri.AbsolutePath;
        // A site in a sub-folder (https://example.com/berita/) keeps its folder in every old path: the new
        // site answers at its root, so the folder is part of the address the readers know.
        return Normalize(path + uri.Query);
    }

    private static string WithoutWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
