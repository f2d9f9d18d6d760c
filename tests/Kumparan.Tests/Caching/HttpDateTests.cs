using Kumparan.Tests.Security;

namespace Kumparan.Tests.Caching;

/// <summary>Validators as a crawler reads them from the real server (Kestrel writes the Date header).</summary>
public sealed class HttpDateTests(KestrelSite site) : IClassFixture<KestrelSite>
{
    [Fact]
    public async Task APageIsNeverSaidToBeModifiedAfterTheResponsesOwnDate()
    {
        // Kestrel's own Date is refreshed once a second (later on a busy machine), so a page stamped with
        // the time it was rendered could say it was modified after the Date it is sent with (RFC 9110
        // 8.8.2.1 forbids that). Thirty fresh renders, 100 ms apart, fall on every part of a second.
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
