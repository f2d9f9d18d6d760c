using System.Diagnostics.Metrics;

namespace Kumparan.Content.Diagnostics;

/// <summary>The store's latency as the pages see it: how long each read session was lent out, per provider.</summary>
public static class StoreMetrics
{
    public const string MeterName = "Kumparan.Store";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> ReadDuration = Meter.CreateHistogram<double>(
        "kumparan.store.query.duration", unit: "s", description: "Time a page spent on the store's queries (one read session)");

    public static void RecordRead(double seconds) => ReadDuration.Record(seconds);
}
