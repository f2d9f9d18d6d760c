using System.Globalization;
using System.Text;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Kumparan.Web.Logging;

/// <summary>
/// Log lines to standard output through a 64 KiB buffer that is written out every
/// <c>flushMilliseconds</c> and when the logger is disposed (shutdown). The console sink writes and
/// flushes each line on its own: at tens of thousands of requests a second, one request log line
/// each, that is a system call per request and a tenth of the site's throughput. Behind the
/// asynchronous sink this runs on its one background thread; a line is on screen at most one flush
/// interval after it was logged.
/// </summary>
public sealed class BufferedConsoleSink : ILogEventSink, IDisposable
{
    private readonly ITextFormatter _formatter;
    private readonly StreamWriter _output;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private bool _disposed;

    public BufferedConsoleSink(ITextFormatter formatter, TimeSpan flushEvery, Stream? output = null)
    {
        _formatter = formatter;
        _output = new StreamWriter(output ?? Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024)
        {
            AutoFlush = false,
        };
        _timer = new Timer(_ => Flush(), null, flushEvery, flushEvery);
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _formatter.Format(logEvent, _output);
            }
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _output.Flush();
            }
            catch (IOException)
            {
                // Standard output closed (the terminal went away): logging must not take the site down.
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
        lock (_gate)
        {
            _disposed = true;
            _output.Dispose();
        }
    }
}

/// <summary>Lets appsettings.json name the sink: <c>{ "Name": "BufferedConsole", "Args": { "outputTemplate": … } }</c>.</summary>
public static class BufferedConsoleSinkExtensions
{
    public const string DefaultTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The default line of an event logged during a request: its id after the message.</summary>
    public const string RequestTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} (request {RequestId}){NewLine}{Exception}";

    public static LoggerConfiguration BufferedConsole(this LoggerSinkConfiguration sink, string outputTemplate = DefaultTemplate,
        int flushMilliseconds = 200, LogEventLevel restrictedToMinimumLevel = LogEventLevel.Verbose)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ITextFormatter formatter = new MessageTemplateTextFormatter(outputTemplate, CultureInfo.InvariantCulture);
        if (outputTemplate == DefaultTemplate)
        {
            formatter = new DefaultLineFormatter(formatter, new MessageTemplateTextFormatter(RequestTemplate, CultureInfo.InvariantCulture));
        }

        return sink.Sink(new BufferedConsoleSink(formatter, TimeSpan.FromMilliseconds(Math.Clamp(flushMilliseconds, 10, 5_000))), restrictedToMinimumLevel);
    }
}
