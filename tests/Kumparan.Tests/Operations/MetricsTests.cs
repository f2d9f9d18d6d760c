using System.Net;
using Kumparan.Tests.Support;
using Kumparan.Web.Caching;
using Kumparan.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Operations;

/// <summary>
/// The Kumparan meter's counters are static, counted by every site a test starts in this process: these
/// tests count exact differences, so they run with no other test's site serving meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiteAlone
{
    public const string Name = "Metrics, with no other site running";
}

/// <summary>/metrics as Prometheus scrapes it: requests by route and status, the cache, the node's role, content files.</summary>
[Collection(SiteAlone.Name)]
public sealed class MetricsTests : IClassFixture<MetricsTests.Site>
{
    public sealed class Site : IDisposable
    {
        public KumparanFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }

    private const string Requests = "http_server_request_duration_seconds_count";
    // The article page's route as Razor Pages names it (without the leading slash of its @page directive).
    private const string ArticleRoute = "{channel:channel}/{slugId}";

    private readonly KumparanFactory _factory;

    public MetricsTests(Site site) => _factory = site.Factory;

    [Fact]
    public async Task RequestsAreCountedByRouteAndStatusAlsoWhenServedFromTheCache()
    {
        var client = _factory.CreateNoRedirectClient();
        var before = await client.ScrapeAsync();
        var articles = before.Sum(Requests, ("http_route", ArticleRoute), ("http_response_status_code", "200"));

        // The first is rendered (routing names the page), the second comes from the rendered cache.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Repository.SeedPath)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/halaman/yang/tidak/ada")).StatusCode);

        // A request's duration is recorded as it ends, moments after the client has the response.
        var after = await Eventually.Until(client.ScrapeAsync,
            s => s.Sum(Requests, ("http_route", ArticleRoute), ("http_response_status_code", "200")) >= articles + 2, "both article requests to be counted");
        Assert.Equal(articles + 2, after.Sum(Requests, ("http_route", ArticleRoute), ("http_response_status_code", "200")));
        Assert.True(after.Sum(Requests, ("http_response_status_code", "404")) >= 1);
        Assert.True(after.Sum("http_server_request_duration_seconds_sum", ("http_route", ArticleRoute)) > 0);
        Assert.Contains(after, s => s.Name == "http_server_request_duration_seconds_bucket" && s.Labels.GetValueOrDefault("http_route") == ArticleRoute);
    }

    [Fact]
    public async Task ASecondRequestOfAPageIsACacheHit()
    {
        var client = _factory.CreateNoRedirectClient();
        var before = await client.ScrapeAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kumparanbola")).StatusCode);
        var once = await client.ScrapeAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kumparanbola")).StatusCode);
        var twice = await client.ScrapeAsync();

        Assert.Equal((1, 0), Difference(before, once));
        Assert.Equal((0, 1), Difference(once, twice));

        static (double Misses, double Hits) Difference(IReadOnlyList<Sample> from, IReadOnlyList<Sample> to) =>
            (to.Sum("kumparan_cache_misses_total") - from.Sum("kumparan_cache_misses_total"),
             to.Sum("kumparan_cache_hits_total") - from.Sum("kumparan_cache_hits_total"));
    }

    [Fact]
    public async Task MetricsAreNeverKeptByACache()
    {
        var client = _factory.CreateNoRedirectClient();

        for (var i = 0; i < 2; i++)
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Headers.ETag);
        }

        Assert.Null(_factory.Services.GetRequiredService<RenderedCache>().Find("/metrics"));
    }

    [Fact]
    public async Task TheLeaderGaugeFollowsTheNodesRole()
    {
        var client = _factory.CreateNoRedirectClient();
        var role = _factory.Services.GetRequiredService<NodeRole>();

        Assert.Equal(1, Assert.Single(await client.ScrapeAsync(), s => s.Name == "kumparan_node_leader").Value);
        role.IsLeader = false;
        try
        {
            Assert.Equal(0, Assert.Single(await client.ScrapeAsync(), s => s.Name == "kumparan_node_leader").Value);
        }
        finally
        {
            role.IsLeader = true;
        }
    }

    [Fact]
    public async Task ARejectedFileAndAnAcceptedSaveAreCounted()
    {
        using var site = new LiveSite();
        var before = await site.Client.ScrapeAsync();

        site.Content.Write("articles/kumparannews/tanpa-judul.md", "---\nchannel: kumparannews\ndate: 2025-03-01T10:00:00+07:00\n---\n\nTanpa judul.\n");
        await site.WaitForRejection("articles/kumparannews/tanpa-judul.md");
        site.Content.Write("articles/kumparannews/metrik-baru.md", LiveSite.Article("Metrik Baru", "2MetrikBaru"));
        await site.WaitFor("/kumparannews/metrik-baru-2MetrikBaru", HttpStatusCode.OK, "Metrik Baru");

        var after = await site.Client.ScrapeAsync();
        Assert.True(after.Sum("kumparan_files_rejected_total") >= before.Sum("kumparan_files_rejected_total") + 1);
        // The editor's save is live moments after it was written: its lag is counted, and small.
        var saves = after.Sum("kumparan_ingest_lag_seconds_count") - before.Sum("kumparan_ingest_lag_seconds_count");
        var lag = after.Sum("kumparan_ingest_lag_seconds_sum") - before.Sum("kumparan_ingest_lag_seconds_sum");
        Assert.True(saves >= 1, $"{saves} saves counted");
        Assert.InRange(lag / saves, 0, Eventually.Timeout.TotalSeconds);
    }
}

/// <summary>With <c>Kumparan:Metrics:Enabled=false</c> there is no /metrics.</summary>
public sealed class MetricsOffTests
{
    [Fact]
    public async Task MetricsSwitchedOffAreNotServed()
    {
        using var factory = new KumparanFactory();
        factory.Settings["Kumparan:Metrics:Enabled"] = "false";
        var client = factory.CreateNoRedirectClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
