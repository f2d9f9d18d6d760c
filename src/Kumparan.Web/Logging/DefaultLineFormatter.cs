using System.Globalization;
using Kumparan.Web.Hosting;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace Kumparan.Web.Logging;

/// <summary>
/// The site's default line, <c>[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}</c>,
/// with <c> (request {RequestId})</c> after the message when the event was logged during a request,
/// written directly for the events it is almost always given (a string source, a message of plain
/// text and scalar values, no exception): one line per request at tens of thousands a second makes
/// Serilog's general template formatter 4% of the site's CPU. Anything else (an exception, a
/// structured value, alignment, a missing property) goes to Serilog's own formatter (<paramref name="general"/>,
/// or <paramref name="inRequest"/> for an event with a request id), and the tests check that both write the same text.
/// </summary>
public sealed class DefaultLineFormatter(ITextFormatter general, ITextFormatter inRequest) : ITextFormatter
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        var requestId = logEvent.Properties.TryGetValue(RequestLog.RequestIdProperty, out var id) ? id as ScalarValue : null;
        if (!IsPlain(logEvent, out var source) || requestId is { Value: not string })
        {
            (requestId is null ? general : inRequest).Format(logEvent, output);
            return;
        }

        Span<char> time = stackalloc char[8];
        logEvent.Timestamp.TryFormat(time, out var written, "HH:mm:ss", Culture);
        output.Write('[');
        output.Write(time[..written]);
        output.Write(' ');
        output.Write(Moniker(logEvent.Level));
        output.Write("] ");
        output.Write(source);
        output.Write(": ");
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is TextToken text)
            {
                output.Write(text.Text);
            }
            else
            {
                var property = (PropertyToken)token;
                switch (((ScalarValue)logEvent.Properties[property.PropertyName]).Value)
                {
                    case string value:
                        output.Write(value);
                        break;
                    case IFormattable value:
                        output.Write(value.ToString(property.Format, Culture));
                        break;
                }
            }
        }

        if (requestId is { Value: string request })
        {
            output.Write(" (request ");
            output.Write(request);
            output.Write(')');
        }

        output.WriteLine();
    }

    private static bool IsPlain(LogEvent logEvent, out string source)
    {
        source = "";
        if (logEvent.Exception is not null || !logEvent.Properties.TryGetValue("SourceContext", out var context) || context is not ScalarValue { Value: string name })
        {
            return false;
        }

        source = name;
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property
                && (property.Alignment is not null || property.IsPositional
                    || !logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                    || value is not ScalarValue { Value: string or int or long or double or decimal }))
            {
                return false;
            }
        }

        return true;
    }

    private static string Moniker(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        _ => "FTL",
    };
}
