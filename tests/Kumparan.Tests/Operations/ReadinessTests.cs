using System.Net;
using System.Text.Json;
using Kumparan.Content.Publishing;
using Kumparan.Tests.Support;
using Kumparan.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Operations;

/// <summary>
/// /healthz and /readyz as a load balancer reads them, on the real site over a real SQLite file. Not ready
/// once the site is stopping: <see cref="ShutdownTests"/>, on a host that really stops.
/// </summary>
public sealed class ReadinessTests
{
    private sealed record Ready(HttpStatusCode Status, JsonElement Body)
    {
        public bool Is(string property) => Body.GetProperty(property).GetBoolean();

        public long Number(string property) => Body.GetProperty(property).GetInt64();

        public override string ToString() => $"{(int)Status} {Body}";
    }

    private static async Task<Ready> ReadyzAsync(HttpClient client)
    {
        var response = await client.GetAsync("/readyz");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new Ready(response.StatusCode, json.RootElement.Clone());
    }

    [Fact]
    public async Task HealthzSaysOkAndIsNeverCached()
    {
        using var site = new KumparanFactory();
        var client = site.CreateNoRedirectClient();

        for (var i = 0; i < 2; i++)
        {
            var response = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Null(response.Headers.ETag);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        }

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AfterStartUpTheNodeIsReadyAndSaysWhy()
    {
        using var site = new KumparanFactory();
        var index = site.Services.GetRequiredService<ContentIndex>();

        var ready = await ReadyzAsync(site.CreateNoRedirectClient());

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.True(ready.Is("ready"));
        Assert.Equal("leader", ready.Body.GetProperty("role").GetString());
        Assert.True(ready.Is("storeReachable"));
        Assert.True(ready.Is("migrated"));
        Assert.True(ready.Is("caughtUp"));
        Assert.False(ready.Is("stopping"));
        Assert.Equal(index.Store.Stamp(), ready.Number("version"));
        Assert.Equal(index.SeenStamp, ready.Number("version"));
    }

    [Fact]
    public async Task ANodeThatMissedAChangeToTheStoreIsNotReadyUntilItCatchesUp()
    {
        using var site = new KumparanFactory();
        var client = site.CreateNoRedirectClient();
        var before = await ReadyzAsync(client);
        Assert.Equal(HttpStatusCode.OK, before.Status);

        // Another process (an import, another node) writes the store behind this node's back.
        Store(site, "UPDATE content_version SET version = version + 1 WHERE id = 1");

        var behind = await Eventually.Until(() => ReadyzAsync(client), r => r.Status == HttpStatusCode.ServiceUnavailable, "/readyz to notice the change");
        Assert.False(behind.Is("ready"));
        Assert.False(behind.Is("caughtUp"));
        Assert.True(behind.Is("storeReachable"));
        Assert.Equal(before.Number("version"), behind.Number("version"));
        Assert.Equal(before.Number("version") + 1, behind.Number("storeVersion"));

        // What the watcher's reconcile does: the node notices the foreign change and announces it.
        site.Services.GetRequiredService<ContentIndex>().Refresh();

        var caughtUp = await ReadyzAsync(client);
        Assert.Equal(HttpStatusCode.OK, caughtUp.Status);
        Assert.True(caughtUp.Is("caughtUp"));
        Assert.Equal(before.Number("version") + 1, caughtUp.Number("version"));
    }

    [Fact]
    public async Task AStoreThatFailsTheQueryMakesTheNodeUnreadyButNotDead()
    {
        using var site = new KumparanFactory();
        var client = site.CreateNoRedirectClient();
        var before = await ReadyzAsync(client);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        var version = before.Number("version");

        // The table every writer bumps is gone (a damaged or foreign file): the store cannot say its version.
        Store(site, "DROP TABLE content_version");

        var failing = await Eventually.Until(() => ReadyzAsync(client), r => r.Status == HttpStatusCode.ServiceUnavailable, "/readyz to see the store fail");
        Assert.False(failing.Is("storeReachable"));
        Assert.False(failing.Is("caughtUp"));
        Assert.Equal(-1, failing.Number("storeVersion"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        Store(site, $"CREATE TABLE content_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL); INSERT INTO content_version VALUES (1, {version})");

        var back = await Eventually.Until(() => ReadyzAsync(client), r => r.Status == HttpStatusCode.OK, "/readyz once the store answers again");
        Assert.True(back.Is("storeReachable"));
        Assert.True(back.Is("caughtUp"));
    }

    private static void Store(KumparanFactory site, string sql)
    {
        using var other = new SqliteConnection($"Data Source={Path.Combine(site.DataPath, "kumparan.db")};Pooling=False");
        other.Open();
        using var command = other.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task AFollowerIsReadyAndSaysItFollows()
    {
        using var site = new KumparanFactory();
        var client = site.CreateNoRedirectClient();

        site.Services.GetRequiredService<NodeRole>().IsLeader = false;

        var ready = await ReadyzAsync(client);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("follower", ready.Body.GetProperty("role").GetString());
    }
}
