using System.Text;
using System.Text.Json;
using Dapper;
using Kumparan.Content;
using Kumparan.Content.Articles;
using Kumparan.Content.Rendering;
using Kumparan.Content.Storage;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Storage;

/// <summary>
/// Bodies are kept in memory as UTF-8 and stored as JSON by a converter of our own: what a restart
/// reads back must be exactly what was rendered, and databases in the older JSON shapes must still be read.
/// </summary>
public sealed class StoredBodyTests : IDisposable
{
    private const string Body =
        "Kutipan \"langsung\" dan 'tunggal', tanda < > & serta </script><script>alert(1)</script>.\n\n" +
        "- butir satu: Rp 1.000 → naik 5%\n- butir dua dengan emoji 🇮🇩 dan kata 北京\n\n" +
        "> Kutipan dengan [tautan](https://kumparan.com/a?b=1&c=\"2\")\n\n" +
        "```\nkode\\dengan \\\\ garis miring\n\tdan tab\n```\n\n" +
        "Baris\u2028pemisah dan karakter kendali \u0001 di teks.\n";

    private readonly TempFolder _content = new();
    private readonly TempFolder _data = new();

    [Fact]
    public void ARestartReadsBackEveryBlockExactlyAsRendered()
    {
        var path = ArticleWriter.Write(_content, "kumparannews", "uji-simpan", new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(7)), body: Body);
        var rendered = ArticleParser.Parse("articles/kumparannews/uji-simpan.md",
            File.ReadAllBytes(Path.Combine(_content.Path, "articles", "kumparannews", "uji-simpan.md")), new ParseContext(new KumparanOptions(), _content.Path)).Article!;
        var (sync, _) = SyncedStore.Open(_content.Path, _data.Path);
        sync.Run();

        var (_, store) = SyncedStore.Open(_content.Path, _data.Path);
        var stored = store.LoadArticles().Single(a => a.Path == path);

        Assert.Equal(rendered.Body.Count, stored.Body.Count);
        Assert.Equal(rendered.Body.Select(b => (b.Kind, b.Html, b.Words, b.CjkCharacters)), stored.Body.Select(b => (b.Kind, b.Html, b.Words, b.CjkCharacters)));
        Assert.Equal(rendered.Body, stored.Body);
        Assert.Contains(stored.Body, b => b.Html.Contains("🇮🇩", StringComparison.Ordinal) && b.Html.Contains("北京", StringComparison.Ordinal));
        Assert.Contains(stored.Body, b => b.Html.Contains("&lt;/script&gt;", StringComparison.Ordinal));
    }

    [Fact]
    public void TheStoredBodyKeepsTheBlockShapeOfEarlierDatabases()
    {
        var path = ArticleWriter.Write(_content, "kumparannews", "uji-bentuk", new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(7)), body: Body);
        var (sync, store) = SyncedStore.Open(_content.Path, _data.Path);
        sync.Run();
        using var connection = store.Database.Open();
        var body = connection.QuerySingle<string>("SELECT CAST(body AS TEXT) FROM articles WHERE slug = 'uji-bentuk'");

        using var json = JsonDocument.Parse(body);
        var first = json.RootElement[0];
        Assert.Equal(["Kind", "Html", "Words", "CjkCharacters"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Paragraph", first.GetProperty("Kind").GetString());
        Assert.Equal(store.LoadArticles().Single(a => a.Path == path).Body[0].Html, first.GetProperty("Html").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("Words").ValueKind);
    }

    [Theory]
    // As the record serializer wrote it with the relaxed encoder (the current format) ...
    [InlineData("""{"Kind":"List","Html":"<ul>\n<li>a \"b\" — 北京</li>\n</ul>","Words":3,"CjkCharacters":2}""")]
    // ... and with the default encoder, which escapes < > & " and non-ASCII (older databases).
    [InlineData("""{"Kind":"List","Html":"\u003Cul\u003E\n\u003Cli\u003Ea \u0022b\u0022 \u2014 \u5317\u4EAC\u003C/li\u003E\n\u003C/ul\u003E","Words":3,"CjkCharacters":2}""")]
    // Numeric kinds, property order, unknown properties.
    [InlineData("""{"Words":3,"Extra":{"x":[1,2]},"CjkCharacters":2,"Html":"<ul>\n<li>a \"b\" — 北京</li>\n</ul>","Kind":2}""")]
    public void BlocksWrittenByEarlierVersionsReadBackTheSame(string json)
    {
        var block = (BodyBlock)JsonSerializer.Deserialize(json, ContentJson.Stored.GetTypeInfo(typeof(BodyBlock))!)!;

        Assert.Equal(new BodyBlock(BlockKind.List, "<ul>\n<li>a \"b\" — 北京</li>\n</ul>", 3, 2), block);
    }

    [Theory]
    [InlineData("""["Paragraph","<p>x</p>",1]""")]
    [InlineData("""{"Kind":"Paragraph","Html":42,"Words":1}""")]
    [InlineData("""{"Kind":"Paragraph","Html":"<p>x</p>","Words":1""")]
    public void ADamagedBlockIsAJsonErrorNotAWrongPage(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ContentJson.Stored.GetTypeInfo(typeof(BodyBlock))!));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _content.Dispose();
        _data.Dispose();
    }
}
