using System.Globalization;
using System.Text;

namespace Kumparan.Tests.Support;

/// <summary>Writes article files into a content folder, for tests that need articles with chosen dates, topics and authors.</summary>
public static class ArticleWriter
{
    /// <summary>Writes content/articles/{channel}/{slug}.md and returns the article's URL path.</summary>
    public static string Write(TempFolder content, string channel, string slug, DateTimeOffset date, string? title = null,
        string? body = null, IEnumerable<string>? topics = null, IEnumerable<string>? authors = null, string? extra = null)
    {
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append(CultureInfo.InvariantCulture, $"title: \"{title ?? "Artikel " + slug}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"channel: {channel}\n");
        text.Append(CultureInfo.InvariantCulture, $"date: {date:yyyy-MM-ddTHH:mm:sszzz}\n");
        // Its own id, so that two test articles at the same minute never claim one id.
        var id = Kumparan.Content.Articles.ArticleId.FromPublicationTime(date) + new string([.. slug.Where(char.IsAsciiLetterOrDigit).Take(20)]);
        text.Append(CultureInfo.InvariantCulture, $"id: {id}\n");
        if (topics is not null)
        {
            text.Append("topics:\n");
            foreach (var topic in topics)
            {
                text.Append(CultureInfo.InvariantCulture, $"  - \"{topic}\"\n");
            }
        }

        if (authors is not null)
        {
            text.Append("authors:\n");
            foreach (var author in authors)
            {
                text.Append(CultureInfo.InvariantCulture, $"  - \"{author}\"\n");
            }
        }

        if (extra is not null)
        {
            text.Append(extra.TrimEnd('\n')).Append('\n');
        }

        text.Append("---\n\n");
        text.Append(body ?? $"Isi artikel {slug} untuk pengujian halaman daftar.");
        text.Append('\n');
        content.Write($"articles/{channel}/{slug}.md", text.ToString());
        return $"/{channel}/{slug}-{id}";
    }
}
