using System.Diagnostics;
using Serilog.Events;
using Serilog.Parsing;

namespace Kumparan.Web.Hosting;

/// <summary>
/// One Serilog event per request, once it is answered: "HTTP GET /path responded 200 in 0.0123 ms"
/// (the line Serilog's request-logging middleware writes), at Error for 5xx and for an exception
/// that escapes. It replaces that middleware because, at tens of thousands of cached pages a second,
/// its per-request work (a diagnostic-context collector, a logger made for the request, binding the
/// template to its values) is a measurable part of the site's throughput; here the template is
/// parsed once and the event is made directly from its four values and the request's id.
/// </summary>
public sealed class RequestLog
{
    /// <summary>
    /// The request's id (<see cref="HttpContext.TraceIdentifier"/>: Kestrel's connection id and the
    /// request's number on it), on this line and, through ASP.NET Core's request logging scope, which names
    /// the same value RequestId, on every other line logged while the request runs; the 500 page shows it.
    /// Not a W3C trace id: there is none without tracing (ASP.NET Core starts an Activity only for a
    /// listener), and a client chooses the one of its <c>traceparent</c> header.
    /// </summary>
    public const string RequestIdProperty = "RequestId";

    private static readonly MessageTemplate Template =
        new MessageTemplateParser().Parse("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms");

    private readonly RequestDelegate _next;
    private readonly Serilog.ILogger _logger;

    public RequestLog(RequestDelegate next, Serilog.ILogger logger)
    {
        _next = next;
        _logger = logger.ForContext<RequestLog>();
    }

    public Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        Task pending;
        try
        {
            pending = _next(context);
        }
        catch (Exception e)
        {
            Write(context, started, e);
            throw;
        }

        if (pending.IsCompletedSuccessfully)
        {
            Write(context, started, null);
            return Task.CompletedTask;
        }

        return Awaited(pending, context, started);
    }

    private async Task Awaited(Task pending, HttpContext context, long started)
    {
        try
        {
            await pending;
        }
        catch (Exception e)
        {
            Write(context, started, e);
            throw;
        }

        Write(context, started, null);
    }

    private void Write(HttpContext context, long started, Exception? exception)
    {
        var status = exception is null ? context.Response.StatusCode : StatusCodes.Status500InternalServerError;
        // A 503 from /readyz is its answer (not ready: starting, behind or stopping), asked every second by a load balancer.
        var level = exception is null && (status < 500 || (status == 503 && context.Request.Path.Equals("/readyz", StringComparison.Ordinal)))
            ? LogEventLevel.Information
            : LogEventLevel.Error;
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        var request = context.Request;
        _logger.Write(new LogEvent(DateTimeOffset.Now, level, exception, Template,
        [
            new LogEventProperty("RequestMethod", new ScalarValue(request.Method)),
            new LogEventProperty("RequestPath", new ScalarValue(request.Path.Value)),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(Stopwatch.GetElapsedTime(started).TotalMilliseconds)),
            new LogEventProperty(RequestIdProperty, new ScalarValue(context.TraceIdentifier)),
        ]));
    }
}
