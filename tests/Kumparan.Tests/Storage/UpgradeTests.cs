using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Kumparan.Content.Storage;
using Kumparan.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kumparan.Tests.Storage;

/// <summary>
/// A database written by the first schema (every article a single document with its body) is upgraded
/// in place at start-up: its articles, database-only ones included, are served and listed as before.
/// </summary>
public sealed class UpgradeTests : IDisposable
{
    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();
    private readonly TempFolder _data = new();

    [Fact]
    public async Task AFirstSchemaDatabaseIsUpgradedAndItsArticlesAreServedAndListed()
    {
        var file = Path.Combine(_data.Path, "kumparan.db");
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            Migrations.Apply(connection, upTo: 1);
            // A database-only article as the first schema kept it: the body inside the document.
            connection.Execute(
                """
                INSERT INTO articles (id, slug, channel, title, published_at, expires_at, draft, source_path, document, source_text, changed_at)
                VALUES ('Lama1', 'berita-lama', 'kumparannews', 'Berita lama', 1700000000, NULL, 0, NULL, @document, NULL, 0)
                """,
                new
                {
                    document = """
                        {"Id":"Lama1","Slug":"berita-lama","Channel":"kumparannews","Title":"Berita lama","Summary":"Ringkasan lama.",
                         "Published":"2023-11-14T22:13:20+00:00","Authors":["Penulis Lama"],"Topics":["Arsip Lama"],"Draft":false,"Ads":true,"Sponsored":false,"NeedsVerification":false,"Corrections":[],"Aliases":[],
                         "Body":[{"Kind":"Paragraph","Html":"<p>Isi berita lama.</p>","Words":3,"CjkCharacters":0}],"WordCount":3,"ReadingMinutes":1}
                        """,
                });
            connection.Execute("INSERT INTO article_topics (article_id, slug, name) VALUES ('Lama1', 'arsip-lama', 'Arsip Lama')");
        }

        using var site = new KumparanFactory(_content.Path, dataPath: _data.Path);
        var (response, page) = await site.GetDocumentAsync("/kumparannews/berita-lama-Lama1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Berita lama", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Isi berita lama.", page.QuerySelector(".article__body > p")!.TextContent);
        foreach (var list in new[] { "/topic/arsip-lama", "/penulis/penulis-lama", "/kumparannews" })
        {
            var (listed, document) = await site.GetDocumentAsync(list);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/kumparannews/berita-lama-Lama1");
        }
    }

    [Fact]
    public async Task AfterTheUpgradeThatBringsPictureVariantsEveryFileIsReadAgainAndALeadImageGetsThem()
    {
        using var content = new TempFolder();
        Directory.CreateDirectory(Path.Combine(content.Path, "media"));
        await File.WriteAllBytesAsync(Path.Combine(content.Path, "media", "foto.jpg"), CameraPhoto.Jpeg(480, 320));
        content.Write("articles/kumparannews/dengan-foto.md", LiveSite.Article("Dengan foto", "Foto1", extra: "image: foto.jpg\nimage_alt: Foto halte\n"));
        const string path = "/kumparannews/dengan-foto-Foto1";
        using (var before = new KumparanFactory(content.Path, dataPath: _data.Path))
        {
            Assert.Equal(HttpStatusCode.OK, (await before.GetDocumentAsync(path)).Response.StatusCode);
        }

        // The database as schema 2 left it: the file's state up to date, its article stored by the parser of
        // then, whose lead image had no fingerprint (its page showed a plain <img> of /media/foto.jpg).
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "kumparan.db")};Pooling=False"))
        {
            connection.Open();
            var (rowid, document) = connection.QuerySingle<(long, byte[])>("SELECT rowid, document FROM articles WHERE id = 'Foto1'");
            var article = JsonNode.Parse(document)!.AsObject();
            var image = article["Image"]!.AsObject();
            Assert.True(image.Remove("Hash"));
            image.Remove("Graphic");
            connection.Execute("UPDATE articles SET document = @document WHERE rowid = @rowid", new { document = Encoding.UTF8.GetBytes(article.ToJsonString()), rowid });
            Assert.Equal(1, connection.Execute("DELETE FROM schema_migrations WHERE version = 3"));
        }

        using var site = new KumparanFactory(content.Path, dataPath: _data.Path);
        var (_, page) = await Eventually.Until(() => site.GetDocumentAsync(path),
            r => r.Document.QuerySelector(".lead-image picture source[type='image/avif']") is not null,
            "the article to be read again after the upgrade and show its picture's variants");
        var src = page.QuerySelector(".lead-image picture img")!.GetAttribute("src")!;
        Assert.Matches(@"^/img/480/[0-9a-f]{16}/foto\.jpg$", src);
        Assert.Equal(HttpStatusCode.OK, (await site.CreateNoRedirectClient().GetAsync(src)).StatusCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _content.Dispose();
        _data.Dispose();
    }
}
