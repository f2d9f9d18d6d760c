using System.Globalization;
using System.Net;
using Kumparan.Tests.Support;
using Kumparan.Web.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Kumparan.Tests.Operations;

/// <summary>A reader who meets the 500 page can quote a code that finds the request's lines in the log.</summary>
public sealed class RequestIdTests : IClassFixture<RequestIdTests.Site>
{
    public sealed class Site : IDisposable
    {
        public Site()
        {
            Sink = RecordingSink.On(Factory);
            Factory.TestServices.Add(services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        }

        public KumparanFactory Factory { get; } = new();

        public RecordingSink Sink { get; }

        public void Dispose() => Factory.Dispose();
    }

    /// <summary>Test only: a path that throws, behind the site's own pipeline so its exception handler sees it.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path.StartsWithSegments("/uji/galat-kode") ? throw new InvalidOperationException("gagal") : following(context));
        };
    }

    private readonly Site _site;

    public RequestIdTests(Site site) => _site = site;

    [Fact]
    public async Task TheServerErrorPageShowsTheCodeThatTheRequestsLogLinesCarry()
    {
        var path = "/uji/galat-kode/" + Guid.NewGuid().ToString("N");
        var (response, page) = await _site.Factory.GetDocumentAsync(path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var shown = page.QuerySelector("main .request-id");
        Assert.NotNull(shown);
        Assert.StartsWith("Kode permintaan: ", shown.TextContent, StringComparison.Ordinal);
        var code = shown.QuerySelector("code")!.TextContent;
        // Kestrel writes "{connection}:{request number}"; the in-memory test server a single id.
        Assert.Matches("^[0-9A-Z]+(:[0-9A-F]{8})?$", code);

        // The request line, written when the request is answered.
        var line = await Eventually.Until(() => _site.Sink.At(LogEventLevel.Error).SingleOrDefault(e =>
                e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal) && RecordingSink.Text(e, "RequestPath") == path),
            e => e is not null, $"the request line of {path}");
        Assert.Equal(code, RecordingSink.Text(line!, "RequestId"));
        Assert.EndsWith($" (request {code})", AsTheConsoleWritesIt(line!).TrimEnd(), StringComparison.Ordinal);

        // Another line of the same request: ASP.NET Core's exception handler logging what it caught.
        var caught = _site.Sink.At(LogEventLevel.Error).Where(e => e.Exception is InvalidOperationException && RecordingSink.Text(e, "RequestPath") == path).ToList();
        var handler = Assert.Single(caught);
        Assert.Equal(code, RecordingSink.Text(handler, "RequestId"));
        Assert.Contains($" (request {code})", AsTheConsoleWritesIt(handler), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachRequestHasItsOwnCode()
    {
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, page) = await _site.Factory.GetDocumentAsync("/uji/galat-kode");
            codes.Add(page.QuerySelector("main .request-id code")!.TextContent);
        }

        Assert.Equal(3, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task APageNotFoundShowsNoCode()
    {
        var (response, page) = await _site.Factory.GetDocumentAsync("/halaman/yang/tidak/ada");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(page.QuerySelector(".request-id"));
        Assert.DoesNotContain("Kode permintaan", page.Body!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The line as the site's default console output writes it.</summary>
    private static string AsTheConsoleWritesIt(LogEvent logEvent)
    {
        var formatter = new DefaultLineFormatter(
            new MessageTemplateTextFormatter(BufferedConsoleSinkExtensions.DefaultTemplate, CultureInfo.InvariantCulture),
            new MessageTemplateTextFormatter(BufferedConsoleSinkExtensions.RequestTemplate, CultureInfo.InvariantCulture));
        var output = new StringWriter(CultureInfo.InvariantCulture);
        formatter.Format(logEvent, output);
        return output.ToString();
    }
}
