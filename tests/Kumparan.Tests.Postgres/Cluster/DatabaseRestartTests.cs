using System.Net;
using AngleSharp.Html.Parser;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Cluster;

/// <summary>
/// PostgreSQL stops under two running nodes and comes back: both keep serving what they have cached, nothing
/// crashes, and an edit saved while the database was down is published once it is back.
/// </summary>
[Collection(nameof(PostgresOutage))]
public sealed class DatabaseRestartTests : IDisposable
{
    private const string Gempa = "articles/kumparannews/gempa-magnitudo-5-guncang-maluku-tengah.md";
    private const string GempaPath = "/kumparannews/gempa-magnitudo-5-guncang-maluku-tengah-28dwHDfaPhY";

    private readonly TwoNodes _nodes = new();

    private static async Task<(HttpStatusCode Status, string? Title)> Probe(KumparanFactory node, string path)
    {
        var response = await node.CreateNoRedirectClient().GetAsync(path);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task NodesServeTheirCachedPagesWhileTheDatabaseIsDownAndPublishTheEditSavedMeanwhileOnceItIsBack()
    {
        // Each node has shown these pages once, and keeps them.
        foreach (var node in new[] { _nodes.Leader, _nodes.Follower })
        {
            Assert.Equal(HttpStatusCode.OK, (await Probe(node, GempaPath)).Status);
            Assert.Equal(HttpStatusCode.OK, (await Probe(node, "/")).Status);
        }

        PostgresServer.Instance.Stop();
        try
        {
            foreach (var node in new[] { _nodes.Leader, _nodes.Follower })
            {
                Assert.Equal(HttpStatusCode.OK, (await Probe(node, GempaPath)).Status);
                Assert.Equal(HttpStatusCode.OK, (await Probe(node, "/")).Status);
            }

            _nodes.Content.Write(Gempa, File.ReadAllText(Path.Combine(_nodes.Content.Path, Gempa)).Replace(
                "title: Gempa Magnitudo 5,1 Guncang Maluku Tengah, Tidak Berpotensi Tsunami", "title: Disunting Saat Basis Data Mati", StringComparison.Ordinal));
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            PostgresServer.Instance.Start();
        }

        foreach (var node in new[] { _nodes.Follower, _nodes.Leader })
        {
            await Eventually.Until(() => Probe(node, GempaPath), r => r.Title == "Disunting Saat Basis Data Mati",
                "each node to show the edit saved while the database was down");
        }
    }

    public void Dispose() => _nodes.Dispose();
}
