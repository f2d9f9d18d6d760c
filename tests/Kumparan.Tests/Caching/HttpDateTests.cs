using Kumparan.Tests.Security;

namespace Kumparan.Tests.Caching;

/// <summary>Validators as a crawler reads them from the real server (Kestrel writes the Date header).</summary>
public sealed class HttpDateTests(KestrelSite site) : IClassFixture<KestrelSite>
{
    [Fact]
    public async Task APageIsNeverSaidToBeModifiedAfterTheResponsesOwnDate()
    {
        // Kestrel refreshes its Date header once a second; a page rendered just after a second began
        // must not be stamped with that second while Date still says the one before (RFC 9110 8.8.2.1).
        // Thirty fresh renders, 100 ms apart, fall on every part of a second.
        var late = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await site.Client.GetAsync(new Uri($"/?uji-tanggal={i}", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var date = Assert.IsType<DateTimeOffset>(response.Headers.Date);
            var modified = Assert.IsType<DateTimeOffset>(response.Content.Headers.LastModified);
            if (modified > date)
            {
                late.Add($"request {i}: Last-Modified {modified:R} is after Date {date:R}");
            }

            await Task.Delay(100);
        }

        Assert.Empty(late);
    }
}
