using System.Globalization;
using Kumparan.Tests.Support;
using Kumparan.Web.Logging;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Debugging;
using Serilog.Formatting.Display;

namespace Kumparan.Tests.Tools;

public sealed class BufferedConsoleSinkTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static string Written(string file)
    {
        using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task LinesReachTheOutputWithinOneFlushIntervalAndAllOfThemAtShutdown()
    {
        var file = Path.Combine(_folder.Path, "stdout.log");
        var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        var sink = new BufferedConsoleSink(new MessageTemplateTextFormatter("{Message:lj}{NewLine}", CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(100), output);
        var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();

        logger.Information("HTTP {Method} {Path} responded {Status}", "GET", "/kumparannews", 200);
        await Eventually.Until(() => Written(file), text => text.Contains("HTTP GET /kumparannews responded 200", StringComparison.Ordinal),
            "the line to be flushed by the timer", TimeSpan.FromSeconds(5));

        // Many lines between two flushes, then shutdown: none is lost.
        for (var i = 0; i < 5_000; i++)
        {
            logger.Information("line {Number}", i);
        }

        logger.Dispose();
        var lines = Written(file).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5_001, lines.Length);
        Assert.Equal("line 4999", lines[^1]);
        sink.Emit(new Serilog.Events.LogEvent(DateTimeOffset.UtcNow, Serilog.Events.LogEventLevel.Information, null,
            new Serilog.Events.MessageTemplate("after", []), [])); // after disposal: ignored, no exception
    }

    [Fact]
    public void TheSitesConfigurationFindsTheSinkBehindTheAsynchronousWrapper()
    {
        var json = File.ReadAllText(Path.Combine(Repository.Root, "src", "Kumparan.Web", "appsettings.json"));
        Assert.Contains("\"BufferedConsole\"", json, StringComparison.Ordinal);

        Assert.Empty(ConfigurationProblems(json));
        // The check can fail: a sink name the configuration cannot find is reported.
        Assert.NotEmpty(ConfigurationProblems(json.Replace("\"BufferedConsole\"", "\"BufferedKonsol\"", StringComparison.Ordinal)));
    }

    /// <summary>
    /// What Serilog reports while it builds a logger from <paramref name="json"/>. Its reports go to
    /// SelfLog, which is process-wide: the sinks of other tests' sites write there from their own
    /// threads, so only what is written on this thread, while the configuration is read, is kept.
    /// </summary>
    private static List<string> ConfigurationProblems(string json)
    {
        var problems = new List<string>();
        var reader = Environment.CurrentManagedThreadId;
        SelfLog.Enable(line =>
        {
            if (Environment.CurrentManagedThreadId == reader)
            {
                problems.Add(line);
            }
        });
        try
        {
            var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
            using var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
        }
        finally
        {
            SelfLog.Disable();
        }

        return problems;
    }

    public void Dispose() => _folder.Dispose();
}
