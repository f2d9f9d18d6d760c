using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;

namespace Kumparan.Web.Cluster;

/// <summary>
/// A content change as the leader writes it to <c>content_changes</c> for the other nodes: each article
/// before and after (their stored documents, which hold every field a cache tag is made from) and the
/// footer pages' slugs.
/// </summary>
public static class ChangeLog
{
    public static byte[] Encode(IReadOnlyList<ArticleChange> articles, IReadOnlySet<string> pages)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(articles.Count);
            foreach (var (before, after) in articles)
            {
                WriteArticle(writer, before);
                WriteArticle(writer, after);
            }

            writer.Write(pages.Count);
            foreach (var page in pages)
            {
                writer.Write(page);
            }
        }

        return buffer.ToArray();
    }

    public static (List<ArticleChange> Articles, HashSet<string> Pages) Decode(byte[] change)
    {
        using var reader = new BinaryReader(new MemoryStream(change));
        var count = reader.ReadInt32();
        var articles = new List<ArticleChange>(count);
        for (var i = 0; i < count; i++)
        {
            articles.Add(new ArticleChange(ReadArticle(reader), ReadArticle(reader)));
        }

        var pages = new HashSet<string>(StringComparer.Ordinal);
        var pageCount = reader.ReadInt32();
        for (var i = 0; i < pageCount; i++)
        {
            pages.Add(reader.ReadString());
        }

        return (articles, pages);
    }

    private static void WriteArticle(BinaryWriter writer, Article? article)
    {
        if (article is null)
        {
            writer.Write(-1);
            return;
        }

        var document = StoredArticle.Document(article);
        writer.Write(document.Length);
        writer.Write(document);
    }

    private static Article? ReadArticle(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        return length < 0 ? null : StoredArticle.Read(reader.ReadBytes(length));
    }
}
