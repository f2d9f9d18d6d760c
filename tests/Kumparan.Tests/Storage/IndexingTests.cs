using Kumparan.Content;
using Kumparan.Content.Publishing;
using Kumparan.Content.Search;
using Kumparan.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kumparan.Tests.Storage;

/// <summary>
/// What the fast paths of indexing must not change: search rows written in batches still find every
/// article, and a reload after an edit (which reuses the articles it already holds) still shows every
/// change, including rows another process wrote.
/// </summary>
public sealed class IndexingTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly TempFolder _content = new();
    private readonly TempFolder _data = new();

    private ContentIndex OpenIndex()
    {
        var (sync, store) = SyncedStore.Open(_content.Path, _data.Path);
        return new ContentIndex(store, sync, NullLogger<ContentIndex>.Instance);
    }

    private static string Word(int i) => $"penanda{i:D5}";

    [Fact]
    public void EveryArticleOfASyncLargerThanOneSearchBatchIsFoundAndAnEditReplacesItsSearchRow()
    {
        const int count = 2_050; // Three batches of search rows, the last one partial.
        for (var i = 0; i < count; i++)
        {
            ArticleWriter.Write(_content, "kumparannews", $"berita-{i}", Start.AddMinutes(i), title: $"Berita {i}",
                body: $"Paragraf dengan kata {Word(i)} di dalamnya.");
        }

        var index = OpenIndex();
        Assert.Equal(count, index.Refresh().Accepted);
        var search = new ArticleSearch(index.Store.Database, new SearchOptions(), NullLogger<ArticleSearch>.Instance);
        var now = Start.AddDays(30);
        foreach (var i in new[] { 0, 999, 1_000, 1_999, 2_000, 2_049 })
        {
            var hits = search.Search(Word(i), now, 1, 10).Page!.Items;
            Assert.Equal([$"Berita {i}"], hits.Select(h => h.Article.Title));
        }

        ArticleWriter.Write(_content, "kumparannews", "berita-7", Start.AddMinutes(7), title: "Berita 7 diperbarui", body: "Kini berisi kata pengganti.");
        index.Refresh();
        Assert.Empty(search.Search(Word(7), now, 1, 10).Page!.Items);
        Assert.Equal(["Berita 7 diperbarui"], search.Search("pengganti", now, 1, 10).Page!.Items.Select(h => h.Article.Title));
    }

    [Fact]
    public void AnEditAnnouncesThatArticleAloneAndRowsWrittenElsewhereAnnounceEverything()
    {
        var paths = Enumerable.Range(0, 3)
            .Select(i => ArticleWriter.Write(_content, "kumparannews", $"berita-{i}", Start.AddMinutes(i), title: $"Berita {i}"))
            .ToList();
        var index = OpenIndex();
        var changes = new List<ContentChange>();
        index.Changed += changes.Add;
        index.Refresh();

        ArticleWriter.Write(_content, "kumparannews", "berita-1", Start.AddMinutes(1), title: "Berita 1 diperbarui");
        index.Refresh();
        var edit = changes[^1];
        Assert.False(edit.Everything);
        Assert.Equal([("Berita 1", "Berita 1 diperbarui")], edit.Articles.Select(c => (c.Before!.Title, c.After!.Title)));
        Assert.Equal("Berita 1 diperbarui", index.Find(paths[1][(paths[1].LastIndexOf('-') + 1)..])!.Title);

        // An import writes rows without a file: the next refresh sees the database changed.
        var import = new ArchiveImport(index.Store, index.Sync.Context).Run("arsip.jsonl", new StringReader(
            """{"id": "Arsip2019", "title": "Berita arsip 2019", "channel": "kumparannews", "date": "2019-05-01T08:00:00+07:00", "body": "Isi berita arsip."}"""));
        Assert.Equal(1, import.Imported);
        var seen = changes.Count;
        index.Refresh();
        Assert.True(changes.Count > seen && changes[^1].Everything);
        Assert.Equal("Berita arsip 2019", index.Find("Arsip2019")!.Title);
        Assert.Equal(4, index.Store.LoadArticles().Count);
    }

    public void Dispose()
    {
        _content.Dispose();
        _data.Dispose();
    }
}
