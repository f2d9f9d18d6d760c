using Kumparan.Content.Articles;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Rules;

public sealed class RelatedTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7));

    private static Article Make(string id, string channel, TimeSpan age, string[]? topics = null) => new()
    {
        Id = id,
        Slug = id.ToLowerInvariant(),
        Channel = channel,
        Title = "Artikel " + id,
        Summary = "Ringkasan",
        Published = Now - age,
        Topics = topics ?? [],
    };

    private static List<string> RelatedTo(Article article, params Article[] others)
    {
        using var stored = new StoredArticles([article, .. others]);
        return stored.Listing.Related(article, Now, 5).Select(a => a.Id).ToList();
    }

    private static readonly Article Self = Make("X", "kumparannews", TimeSpan.FromDays(3), ["Korea Utara", "Rusia"]);

    [Fact]
    public void SharedTopicsComeFirstMostSharedThenNewestThenTheSameChannelNewestFirst()
    {
        var related = RelatedTo(Self,
            Make("Both", "kumparanbisnis", TimeSpan.FromDays(10), ["Rusia", "Korea Utara"]),
            Make("RusiaNew", "kumparantech", TimeSpan.FromDays(1), ["Rusia"]),
            Make("KoreaOld", "kumparanhits", TimeSpan.FromDays(2), ["korea utara"]),
            Make("News1", "kumparannews", TimeSpan.FromHours(1)),
            Make("News2", "kumparannews", TimeSpan.FromHours(2)),
            Make("News3", "kumparannews", TimeSpan.FromHours(3)),
            Make("Other", "kumparantech", TimeSpan.FromMinutes(1)));
        Assert.Equal(["Both", "RusiaNew", "KoreaOld", "News1", "News2"], related);
    }

    [Fact]
    public void NeverItselfNorDraftsScheduledExpiredOrRetracted()
    {
        var related = RelatedTo(Self,
            Make("Draft", "kumparannews", TimeSpan.FromDays(1), ["Rusia"]) with { Draft = true },
            Make("Future", "kumparannews", -TimeSpan.FromDays(1), ["Rusia"]),
            Make("Expired", "kumparannews", TimeSpan.FromDays(1), ["Rusia"]) with { Expires = Now.AddMinutes(-1) },
            Make("Retracted", "kumparannews", TimeSpan.FromDays(1), ["Rusia"]) with { Retracted = new Retraction(Now.AddDays(-1), "Keliru") },
            Make("Listed", "kumparannews", TimeSpan.FromDays(5)));
        Assert.Equal(["Listed"], related);
    }

    [Fact]
    public void AnArticleSharingATopicIsListedOnceAndOtherChannelsWithoutSharedTopicsNever()
    {
        var related = RelatedTo(Self,
            Make("SameChannelShared", "kumparannews", TimeSpan.FromDays(9), ["Rusia"]),
            Make("OtherChannel", "kumparanbola", TimeSpan.FromMinutes(5)));
        Assert.Equal(["SameChannelShared"], related);
    }

    [Fact]
    public void AtMostFive()
    {
        var others = Enumerable.Range(1, 9).Select(i => Make($"T{i}", "kumparanbola", TimeSpan.FromHours(i), ["Rusia"])).ToArray();
        Assert.Equal(["T1", "T2", "T3", "T4", "T5"], RelatedTo(Self, others));
    }
}
