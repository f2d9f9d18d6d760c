using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Kumparan.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Kumparan.Tests.Tools;

/// <summary>Every request is logged once, through Serilog, when it is answered: method, path (never the query), status, time.</summary>
public sealed class RequestLogTests : IClassFixture<RequestLogTests.Site>
{
    public sealed class Site : IDisposable
    {
        public Site()
        {
            // The tests' default minimum is Warning; request lines are Information.
            Factory.Settings["Serilog:MinimumLevel:Override:Kumparan.Web.Hosting.RequestLog"] = "Information";
            Factory.TestServices.Add(services => services.AddSingleton<ILogEventSink>(Sink));
            Factory.TestServices.Add(services => services.AddSingleton<IStartupFilter, FailingPath>());
        }

        public RecordingSink Sink { get; } = new();

        public KumparanFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }

    public sealed class RecordingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }

    /// <summary>Test only: a path whose handler fails, behind the site's own pipeline.</summary>
    private sealed class FailingPath : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path == "/uji/log-galat" ? throw new InvalidOperationException("gagal") : following(context));
        };
    }

    private readonly Site _site;

    public RequestLogTests(Site site) => _site = site;

    [Theory]
    [InlineData("GET", Repository.SeedPath, HttpStatusCode.OK)]
    [InlineData("HEAD", "/", HttpStatusCode.OK)]
    [InlineData("GET", "/css/site.css", HttpStatusCode.OK)]
    [InlineData("GET", "/halaman/yang-tidak-ada", HttpStatusCode.NotFound)]
    [InlineData("GET", "/kumparannews/", HttpStatusCode.MovedPermanently)]
    [InlineData("POST", "/", HttpStatusCode.MethodNotAllowed)]
    public async Task EachRequestIsOneInformationLineWithItsMethodPathStatusAndTime(string method, string path, HttpStatusCode status)
    {
        var client = _site.Factory.CreateNoRedirectClient();
        // The second request of a page is served from the rendered-response cache: it is logged too.
        for (var i = 0; i < 2; i++)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(status, response.StatusCode);
        }

        var lines = await Lines(method, path);

        Assert.Equal(2, lines.Count);
        Assert.All(lines, e =>
        {
            Assert.Equal(LogEventLevel.Information, e.Level);
            Assert.Equal((int)status, ((ScalarValue)e.Properties["StatusCode"]).Value);
            Assert.True((double)((ScalarValue)e.Properties["Elapsed"]).Value! >= 0);
            Assert.Equal("\"Kumparan.Web.Hosting.RequestLog\"", e.Properties["SourceContext"].ToString());
            Assert.Matches($"^HTTP {method} {path.Replace(".", "\\.", StringComparison.Ordinal)} responded {(int)status} in [0-9]+\\.[0-9]{{4}} ms$",
                AsWritten(e));
        });
    }

    [Fact]
    public async Task TheQueryStringIsNotLoggedSoSearchesStayOutOfTheLog()
    {
        await _site.Factory.CreateNoRedirectClient().GetAsync("/search?q=alamat+rumah+saya");

        var line = Assert.Single(await Lines("GET", "/search"));

        Assert.DoesNotContain("alamat", AsWritten(line), StringComparison.Ordinal);
        Assert.DoesNotContain(line.Properties.Values, v => v.ToString().Contains("alamat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFailedRequestIsLoggedAsAnErrorWithItsStatus()
    {
        var response = await _site.Factory.CreateNoRedirectClient().GetAsync("/uji/log-galat");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var line = Assert.Single(await Lines("GET", "/uji/log-galat"));
        Assert.Equal(LogEventLevel.Error, line.Level);
        Assert.Equal(500, ((ScalarValue)line.Properties["StatusCode"]).Value);
    }

    /// <summary>The message as the site's console output writes it ("{Message:lj}": strings unquoted).</summary>
    private static string AsWritten(LogEvent logEvent)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        new MessageTemplateTextFormatter("{Message:lj}", CultureInfo.InvariantCulture).Format(logEvent, text);
        return text.ToString();
    }

    /// <summary>
    /// The request lines logged for <paramref name="method"/> and <paramref name="path"/>, read once a
    /// request sent after them has its line: a line is written when its request is answered, so none of
    /// the earlier ones is still to come, and a request logged twice shows as two lines.
    /// </summary>
    private async Task<List<LogEvent>> Lines(string method, string path)
    {
        var marker = "/uji/penanda-" + Guid.NewGuid().ToString("N");
        var response = await _site.Factory.CreateNoRedirectClient().GetAsync(marker);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Eventually.Until(() => LinesFor("GET", marker), lines => lines.Count > 0, $"the request line for GET {marker}");
        return LinesFor(method, path);
    }

    private List<LogEvent> LinesFor(string method, string path) =>
        _site.Sink.Events.Where(e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)
            && ((ScalarValue)e.Properties["RequestMethod"]).Value as string == method
            && ((ScalarValue)e.Properties["RequestPath"]).Value as string == path).ToList();
}
