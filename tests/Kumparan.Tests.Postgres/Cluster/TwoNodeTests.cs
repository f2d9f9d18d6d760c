using System.Net;
using AngleSharp.Html.Parser;
using Kumparan.Content.Publishing;
using Kumparan.Tests.Support;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Cluster;

/// <summary>
/// Two nodes on one PostgreSQL database and one content folder (the shared volume), each with its own
/// data folder: the first to start leads and synchronizes the folder; the other serves what the leader
/// writes, learns of each change by LISTEN/NOTIFY, and takes the folder over when the leader stops.
/// </summary>
public sealed class TwoNodeTests : IDisposable
{
    private const string Gempa = "articles/kumparannews/gempa-magnitudo-5-guncang-maluku-tengah.md";
    private const string GempaPath = "/kumparannews/gempa-magnitudo-5-guncang-maluku-tengah-28dwHDfaPhY";
    private const string Unrelated = "/kumparanfood/berburu-jajanan-legendaris-di-pasar-beringharjo-25JARPwt2Ui";

    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();
    private readonly KumparanFactory _leader;
    private readonly KumparanFactory _follower;

    public TwoNodeTests()
    {
        _leader = new KumparanFactory(_content.Path);
        _ = _leader.Services; // started first: it takes the lock and indexes the folder
        _follower = new KumparanFactory(_content.Path);
        _follower.Settings["Kumparan:Database:ConnectionString"] = _leader.ConnectionString;
        _ = _follower.Services;
    }

    private static bool Leads(KumparanFactory node) => node.Services.GetRequiredService<NodeRole>().IsLeader;

    private static async Task<string?> Headline(KumparanFactory node, string path)
    {
        var response = await node.CreateNoRedirectClient().GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return document.QuerySelector("h1")?.TextContent.Trim();
    }

    [Fact]
    public async Task OneNodeLeadsAndTheOtherServesTheLeadersWritesAndDropsOnlyThePagesThatShowedTheChange()
    {
        Assert.True(Leads(_leader));
        Assert.False(Leads(_follower));
        Assert.False(_follower.Services.GetRequiredService<ContentIndex>().Ingests);

        // The follower serves what the leader indexed, and caches it.
        Assert.StartsWith("Gempa Magnitudo 5,1", await Headline(_follower, GempaPath), StringComparison.Ordinal);
        Assert.NotNull(await Headline(_follower, Unrelated));
        var cache = _follower.Services.GetRequiredService<RenderedCache>();
        Assert.NotNull(cache.Find(GempaPath));
        Assert.NotNull(cache.Find(Unrelated));

        _content.Write(Gempa, File.ReadAllText(Path.Combine(_content.Path, Gempa)).Replace(
            "title: Gempa Magnitudo 5,1 Guncang Maluku Tengah, Tidak Berpotensi Tsunami", "title: Gempa Susulan Diperbarui Redaksi", StringComparison.Ordinal));
        await Eventually.Until(() => Headline(_follower, GempaPath), h => h == "Gempa Susulan Diperbarui Redaksi", "the follower to show the leader's edit");

        // Exactly what showed the article was dropped: an article in another channel, sharing nothing, stays cached.
        Assert.NotNull(cache.Find(Unrelated));
    }

    [Fact]
    public async Task WhenTheLeaderStopsTheOtherNodeTakesTheFolderOverAndPublishesTheNextSave()
    {
        _leader.Dispose();
        await Eventually.Until(() => Task.FromResult(Leads(_follower)), leads => leads, "the follower to take the leader lock");

        _content.Write("articles/kumparannews/setelah-pergantian.md",
            LiveSite.Article("Disimpan setelah pergantian pemimpin", "Takeover1"));
        await Eventually.Until(() => Headline(_follower, "/kumparannews/setelah-pergantian-Takeover1"),
            h => h == "Disimpan setelah pergantian pemimpin", "the new leader to publish a save made after the old one stopped");
    }

    [Fact]
    public async Task PicturesOfTheSharedFolderAreServedByTheNodeThatDoesNotLead()
    {
        var page = new HtmlParser().ParseDocument(await (await _follower.CreateNoRedirectClient().GetAsync(GempaPath)).Content.ReadAsStringAsync());
        var source = page.QuerySelector("article picture source[type='image/avif']")?.GetAttribute("srcset")?.Split(',')[0].Trim().Split(' ')[0];
        Assert.NotNull(source);
        var picture = await _follower.CreateNoRedirectClient().GetAsync(source);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/avif", picture.Content.Headers.ContentType?.MediaType);
        Assert.True((await picture.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    public void Dispose()
    {
        _follower.Dispose();
        _leader.Dispose();
        _content.Dispose();
    }
}
