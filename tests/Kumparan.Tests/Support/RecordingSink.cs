using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Kumparan.Tests.Support;

/// <summary>Keeps what the site logged through Serilog (the operator's log), for tests that read it.</summary>
public sealed class RecordingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    /// <summary>Adds a sink to a site before it starts: every event at the site's minimum level (Warning in tests) is kept.</summary>
    public static RecordingSink On(KumparanFactory factory)
    {
        var sink = new RecordingSink();
        factory.TestServices.Add(services => services.AddSingleton<ILogEventSink>(sink));
        return sink;
    }

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>The events logged at <paramref name="level"/>, oldest first.</summary>
    public IReadOnlyList<LogEvent> At(LogEventLevel level) => [.. _events.Where(e => e.Level == level)];

    /// <summary>A property of an event as the log line shows it (a string without quotes), or null.</summary>
    public static string? Text(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out var value)
            ? value is ScalarValue scalar ? Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture) : value.ToString()
            : null;
}
