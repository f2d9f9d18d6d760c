using System.Text.Json;
using Kumparan.Content.Articles;
using Kumparan.Content.Rendering;

namespace Kumparan.Content.Storage;

/// <summary>
/// How an article is kept in its row: <c>document</c> holds every field but the body (what lists,
/// feeds and sitemaps read), <c>body</c> the rendered blocks (read only for the article's own page).
/// </summary>
public static class StoredArticle
{
    /// <summary>The document as UTF-8 JSON (bound as it is: no conversion on the thread that writes).</summary>
    public static byte[] Document(Article article) =>
        JsonSerializer.SerializeToUtf8Bytes(article.Body.Count == 0 ? article : article with { Body = [] }, ContentJson.Stored.Article);

    public static byte[] Body(Article article) => JsonSerializer.SerializeToUtf8Bytes(article.Body.ToList(), ContentJson.Stored.ListBodyBlock);

    /// <summary>
    /// The accepted source, kept to rebuild a damaged database, compressed (Brotli): it is read only then,
    /// and it is a third of an article's row uncompressed.
    /// </summary>
    public static byte[] PackSource(string text)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var packed = new byte[System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(utf8.Length)];
        return System.IO.Compression.BrotliEncoder.TryCompress(utf8, packed, out var written, quality: 5, window: 22) ? packed[..written] : utf8;
    }

    /// <summary>A kept source as stored: text (older rows) or <see cref="PackSource"/>'s bytes.</summary>
    public static string UnpackSource(object stored)
    {
        if (stored is string text)
        {
            return text;
        }

        var packed = (byte[])stored;
        using var input = new MemoryStream(packed);
        using var brotli = new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The article from its row's columns; without <paramref name="body"/> its Body is empty.</summary>
    public static Article Read(ReadOnlySpan<byte> document, ReadOnlySpan<byte> body = default)
    {
        var article = JsonSerializer.Deserialize(document, ContentJson.Stored.Article)!;
        return body.IsEmpty ? article : article with { Body = JsonSerializer.Deserialize(body, ContentJson.Stored.ListBodyBlock)! };
    }

    public static Article Read(string document) => JsonSerializer.Deserialize(document, ContentJson.Stored.Article)!;

    /// <summary>Not a draft and not retracted: listed whenever its time says it is public.</summary>
    public static bool IsListable(Article article) => !article.Draft && article.Retracted is null;

    /// <summary>The month of publication in WIB as yyyymm (sitemaps are per month).</summary>
    public static int MonthOf(DateTimeOffset published)
    {
        var wib = IndonesianDate.ToWib(published);
        return (wib.Year * 100) + wib.Month;
    }

    /// <summary>The lists a listable article counts in: home, its channel and month, its topics and authors (each slug once).</summary>
    public static IEnumerable<string> ListsOf(Article article)
    {
        if (!IsListable(article))
        {
            yield break;
        }

        yield return ListKey.Home.Key;
        yield return ListKey.Channel(article.Channel).Key;
        yield return ListKey.Month(MonthOf(article.Published)).Key;
        foreach (var slug in article.Topics.Select(Slug.FromName).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))
        {
            yield return ListKey.Topic(slug).Key;
        }

        foreach (var slug in article.Authors.Select(Slug.FromName).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))
        {
            yield return ListKey.Author(slug).Key;
        }
    }

    /// <summary>
    /// The keys under which a correction's <c>article:</c> reference is found: the reference itself (an id
    /// or an alias) and, for a site path, the id at its end. The answer is checked by resolving it again.
    /// </summary>
    public static IEnumerable<string> ReferenceKeys(string reference)
    {
        var trimmed = reference.Trim();
        yield return trimmed;
        if (trimmed.StartsWith('/'))
        {
            var id = trimmed[(trimmed.LastIndexOfAny(['-', '/']) + 1)..];
            if (id.Length > 0 && id != trimmed)
            {
                yield return id;
            }
        }
    }
}

public enum ListKind
{
    Home,
    Channel,
    Topic,
    Author,
    Month,
}

/// <summary>A list of articles the store keeps in order and counts: the home page, a channel, a topic, an author, a month.</summary>
public readonly record struct ListKey(ListKind Kind, string Slug)
{
    public static readonly ListKey Home = new(ListKind.Home, "");

    public static ListKey Channel(string slug) => new(ListKind.Channel, slug);

    public static ListKey Topic(string slug) => new(ListKind.Topic, slug);

    public static ListKey Author(string slug) => new(ListKind.Author, slug);

    public static ListKey Month(int yyyymm) => new(ListKind.Month, yyyymm.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The key in <c>list_counts</c>.</summary>
    public string Key => Kind switch
    {
        ListKind.Home => "home",
        ListKind.Channel => "channel:" + Slug,
        ListKind.Topic => "topic:" + Slug,
        ListKind.Author => "author:" + Slug,
        _ => "month:" + Slug,
    };
}
