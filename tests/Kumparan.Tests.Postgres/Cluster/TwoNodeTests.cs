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

    private readonly TwoNodes _nodes = new();

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
        Assert.True(Leads(_nodes.Leader));
        Assert.False(Leads(_nodes.Follower));
        Assert.False(_nodes.Follower.Services.GetRequiredService<ContentIndex>().Ingests);

        // The follower serves what the leader indexed, and caches it.
        Assert.StartsWith("Gempa Magnitudo 5,1", await Headline(_nodes.Follower, GempaPath), StringComparison.Ordinal);
        Assert.NotNull(await Headline(_nodes.Follower, Unrelated));
        var cache = _nodes.Follower.Services.GetRequiredService<RenderedCache>();
        Assert.NotNull(cache.Find(GempaPath));
        Assert.NotNull(cache.Find(Unrelated));

        _nodes.Content.Write(Gempa, File.ReadAllText(Path.Combine(_nodes.Content.Path, Gempa)).Replace(
            "title: Gempa Magnitudo 5,1 Guncang Maluku Tengah, Tidak Berpotensi Tsunami", "title: Gempa Susulan Diperbarui Redaksi", StringComparison.Ordinal));
        await Eventually.Until(() => Headline(_nodes.Follower, GempaPath), h => h == "Gempa Susulan Diperbarui Redaksi", "the follower to show the leader's edit");

        // Exactly what showed the article was dropped: an article in another channel, sharing nothing, stays cached.
        Assert.NotNull(cache.Find(Unrelated));
    }

    [Fact]
    public async Task WhenTheLeaderStopsTheOtherNodeTakesTheFolderOverAndPublishesTheNextSave()
    {
        _nodes.Leader.Dispose();
        await Eventually.Until(() => Task.FromResult(Leads(_nodes.Follower)), leads => leads, "the follower to take the leader lock");

        _nodes.Content.Write("articles/kumparannews/setelah-pergantian.md",
            LiveSite.Article("Disimpan setelah pergantian pemimpin", "Takeover1"));
        await Eventually.Until(() => Headline(_nodes.Follower, "/kumparannews/setelah-pergantian-Takeover1"),
            h => h == "Disimpan setelah pergantian pemimpin", "the new leader to publish a save made after the old one stopped");
    }

    [Fact]
    public async Task PicturesOfTheSharedFolderAreServedByTheNodeThatDoesNotLead()
    {
        var page = new HtmlParser().ParseDocument(await (await _nodes.Follower.CreateNoRedirectClient().GetAsync(GempaPath)).Content.ReadAsStringAsync());
        var source = page.QuerySelector("article picture source[type='image/avif']")?.GetAttribute("srcset")?.Split(',')[0].Trim().Split(' ')[0];
        Assert.NotNull(source);
        var picture = await _nodes.Follower.CreateNoRedirectClient().GetAsync(source);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/avif", picture.Content.Headers.ContentType?.MediaType);
        Assert.True((await picture.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    public void Dispose() => _nodes.Dispose();
}
