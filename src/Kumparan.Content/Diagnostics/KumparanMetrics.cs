using System.Diagnostics.Metrics;

namespace Kumparan.Content.Diagnostics;

/// <summary>
/// The site's own measurements, on the <c>Kumparan</c> meter (System.Diagnostics.Metrics, no exporter
/// here): the web project's OpenTelemetry set-up listens to it and serves it at /metrics. An instrument
/// nobody listens to costs one check of a flag, so the CLI tools and a site with metrics off pay nothing.
/// </summary>
public static class KumparanMetrics
{
    public const string MeterName = "Kumparan";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "kumparan.cache.hits", "{response}", "Responses sent from the rendered-response cache");

    private static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>(
        "kumparan.cache.misses", "{response}", "Cacheable requests (GET, HEAD) that the rendered-response cache did not hold");

    // Buckets in seconds (an exporter's defaults are made for milliseconds): a page's query takes
    // tens of microseconds to milliseconds; an editor's save is live within a second or so, a reconcile
    // without file events within a few, a file written while the site was down much later.
    private static readonly Histogram<double> StoreQuery = Meter.CreateHistogram(
        "kumparan.store.query.duration", "s", "Time a query of the content store took", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Histogram<double> IngestLag = Meter.CreateHistogram(
        "kumparan.ingest.lag", "s", "From an article file's modification time to its accepted version committed to the store", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] });

    private static readonly Counter<long> FilesRejected = Meter.CreateCounter<long>(
        "kumparan.files.rejected", "{file}", "Content file versions rejected (each version once)");

    public static void CacheHit() => CacheHits.Add(1);

    public static void CacheMiss() => CacheMisses.Add(1);

    /// <summary>Records one store query of <paramref name="seconds"/>; <paramref name="operation"/> is a fixed name (never SQL or user input).</summary>
    public static void Record(double seconds, string operation) =>
        StoreQuery.Record(seconds, new KeyValuePair<string, object?>("operation", operation));

    public static void FileRejected() => FilesRejected.Add(1);

    /// <summary>
    /// Records the lag of the article files whose versions were just committed (their modification
    /// times, UTC ticks) and empties the list; null when the sync is not measured.
    /// </summary>
    public static void Committed(List<long>? modifiedTicks)
    {
        if (modifiedTicks is null || modifiedTicks.Count == 0)
        {
            return;
        }

        var now = DateTime.UtcNow.Ticks;
        foreach (var ticks in modifiedTicks)
        {
            // A clock set back, or a file dated in the future, is not a negative lag.
            IngestLag.Record(Math.Max(0, now - ticks) / (double)TimeSpan.TicksPerSecond);
        }

        modifiedTicks.Clear();
    }
}
