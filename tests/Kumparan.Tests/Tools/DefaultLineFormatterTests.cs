using System.Globalization;
using Kumparan.Web.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Kumparan.Tests.Tools;

/// <summary>The hand-written default line is exactly what Serilog's template formatter writes, event for event.</summary>
public sealed class DefaultLineFormatterTests
{
    private sealed class Capture : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    /// <summary>Serilog's formatter, counting the events handed to it.</summary>
    private sealed class Counting(ITextFormatter inner) : ITextFormatter
    {
        public int Calls { get; private set; }

        public void Format(LogEvent logEvent, TextWriter output)
        {
            Calls++;
            inner.Format(logEvent, output);
        }
    }

    private static readonly string[] Topics = ["Rusia", "Ukraina"];

    private static readonly MessageTemplateTextFormatter Serilogs = new(BufferedConsoleSinkExtensions.DefaultTemplate, CultureInfo.InvariantCulture);

    private static readonly MessageTemplateTextFormatter SerilogsInRequest = new(BufferedConsoleSinkExtensions.RequestTemplate, CultureInfo.InvariantCulture);

    private static (List<LogEvent> Events, ILogger Logger) Logger()
    {
        var capture = new Capture();
        var logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(capture).CreateLogger();
        return (capture.Events, logger);
    }

    [Fact]
    public void PlainEventsAreWrittenByHandExactlyAsSerilogWritesThem()
    {
        var (events, logger) = Logger();
        var request = logger.ForContext<DefaultLineFormatterTests>();
        request.Information("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms", "GET", "/kumparannews/x-24R1wPK1UUi", 200, 0.0028);
        request.Error("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms", "POST", "/", 500, 148.13304);
        request.Information("Accepted {File} as {Key} at {Url}", "articles/kumparannews/a.md", "24R1wPK1UUi", "/kumparannews/a-24R1wPK1UUi");
        request.Warning("Warning {File}:{Line}:{Column}: {Problem}", "articles/x.md", 3, 1, "Unknown key \"foo\" (ignored) — \"quoted\"\nnext line");
        request.Debug("Sync: {Files} files scanned, {Loaded} read; scan, parse and write {Write:0} ms, commit {Commit:0} ms", 10_000, 9_999, 5279.4, 526.6);
        request.Verbose("Large {Number} and {Money} and {Ratio}", 12_345_678_901L, 12.5m, 1.0 / 3);
        request.Fatal("No properties at all, {{braces}} kept");
        logger.ForContext("SourceContext", "Ünïcode.Kontext").Information("Judul {Title}", "Pasukan Korut «Rusia» ✓");

        var counting = new Counting(Serilogs);
        var ours = new DefaultLineFormatter(counting, new Counting(SerilogsInRequest));
        foreach (var logEvent in events)
        {
            Assert.Equal(Write(Serilogs, logEvent), Write(ours, logEvent));
        }

        Assert.Equal(0, counting.Calls);
        Assert.Equal(8, events.Count);
    }

    [Fact]
    public void EverythingElseIsLeftToSerilogsFormatter()
    {
        var (events, logger) = Logger();
        var context = logger.ForContext<DefaultLineFormatterTests>();
        context.Error(new InvalidOperationException("gagal"), "Failed {Path}", "/x");
        logger.Information("No source context {Value}", 1);
        context.Information("Structured {@Article}", new { Title = "Judul", Words = 300 });
        context.Information("A list {Topics}", Topics);
        context.Information("Aligned {Name,10}|", "kiri");
        context.Information("Positional {0} {1}", "a", "b");
        context.Information("A flag {Draft} and nothing {Nothing}", true, null);
        context.Information("Missing {Property}");
        context.Information("Time {When}", new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7)));

        var counting = new Counting(Serilogs);
        var ours = new DefaultLineFormatter(counting, new Counting(SerilogsInRequest));
        foreach (var logEvent in events)
        {
            Assert.Equal(Write(Serilogs, logEvent), Write(ours, logEvent));
        }

        Assert.Equal(events.Count, counting.Calls);
    }

    [Fact]
    public void AnEventLoggedDuringARequestEndsWithTheRequestIdAsSerilogsRequestTemplateWritesIt()
    {
        var (events, logger) = Logger();
        var request = logger.ForContext<DefaultLineFormatterTests>().ForContext("RequestId", "0HNAB12CD34EF:00000007");
        request.Error("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms", "GET", "/uji/galat", 500, 12.5);
        request.Warning("Search {Words} words", 3);
        request.Error(new InvalidOperationException("gagal"), "Failed {Path}", "/x");
        request.Information("Structured {@Article}", new { Title = "Judul" });

        var plain = new Counting(Serilogs);
        var inRequest = new Counting(SerilogsInRequest);
        var ours = new DefaultLineFormatter(plain, inRequest);
        var lines = events.Select(e => Write(ours, e)).ToList();

        Assert.Equal(events.Select(e => Write(SerilogsInRequest, e)), lines);
        Assert.EndsWith("HTTP GET /uji/galat responded 500 in 12.5000 ms (request 0HNAB12CD34EF:00000007)\n", lines[0].ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Failed /x (request 0HNAB12CD34EF:00000007)", lines[2], StringComparison.Ordinal);
        // The two plain events by hand; the exception and the structured value by Serilog's request template.
        Assert.Equal((0, 2), (plain.Calls, inRequest.Calls));
    }

    [Fact]
    public void TheSitesConfiguredTemplateIsTheOneWrittenByHand() =>
        Assert.Contains(BufferedConsoleSinkExtensions.DefaultTemplate, File.ReadAllText(Path.Combine(Support.Repository.Root, "src", "Kumparan.Web", "appsettings.json")), StringComparison.Ordinal);

    private static string Write(ITextFormatter formatter, LogEvent logEvent)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        formatter.Format(logEvent, output);
        return output.ToString();
    }
}
