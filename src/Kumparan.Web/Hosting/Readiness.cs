using System.Diagnostics;
using Kumparan.Content.Diagnostics;
using Kumparan.Content.Publishing;

namespace Kumparan.Web.Hosting;

/// <summary>What /readyz answers: ready, and each condition it is made of.</summary>
/// <param name="Version">The store's version this node has announced to its caches (-1 before the first).</param>
/// <param name="StoreVersion">The store's version now (-1 when it did not answer).</param>
public sealed record ReadinessReport(bool Ready, string Role, bool StoreReachable, bool Migrated, bool CaughtUp, long Version,
    long StoreVersion, bool Stopping);

/// <summary>
/// Whether this node should be sent readers: the store answers a query, start-up brought the schema up
/// to date, the node has announced the store's latest content version (its caches show what the store
/// holds), and the application is not stopping (a load balancer then drains it). The store is asked at
/// most once per <see cref="Fresh"/>, however often a load balancer asks, and again as soon as the node
/// announces a change; a store that does not answer within <see cref="Bound"/> counts as unreachable.
/// </summary>
public sealed partial class Readiness(ContentIndex index, InitialIndex initial, NodeRole role, IHostApplicationLifetime lifetime,
    ILogger<Readiness> logger)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private Task<StoreProbe>? _probe;
    private bool _wasReachable = true;

    public async Task<ReadinessReport> CheckAsync()
    {
        var store = await StoreAsync().ConfigureAwait(false);
        var seen = index.SeenStamp;
        var migrated = initial.Migrated;
        var caughtUp = store.Reachable && store.Version == seen;
        var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
        return new ReadinessReport(!stopping && store.Reachable && migrated && caughtUp, role.Name, store.Reachable, migrated, caughtUp,
            seen, store.Version, stopping);
    }

    private async Task<StoreProbe> StoreAsync()
    {
        Task<StoreProbe> probe;
        lock (_gate)
        {
            // A probe still running is waited for, not repeated: a store that hangs is asked once.
            if (_probe is not { } last
                || (last.IsCompleted && (!last.IsCompletedSuccessfully || Stopwatch.GetElapsedTime(last.Result.Started) >= Fresh || last.Result.Seen != index.SeenStamp)))
            {
                _probe = Task.Run(Probe);
            }

            probe = _probe;
        }

        try
        {
            return await probe.WaitAsync(Bound).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Unreachable($"no answer within {Bound.TotalSeconds:0} s");
            return new StoreProbe(0, index.SeenStamp, false, -1);
        }
    }

    private StoreProbe Probe()
    {
        var started = Stopwatch.GetTimestamp();
        // Read before the store: a change announced meanwhile makes this probe stale at once.
        var seen = index.SeenStamp;
        try
        {
            var version = index.Store.Stamp();
            KumparanMetrics.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, "stamp");
            lock (_gate)
            {
                if (!_wasReachable)
                {
                    _wasReachable = true;
                    LogReachable();
                }
            }

            return new StoreProbe(started, seen, true, version);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the store throws (locked, missing, corrupt, a network error of a server), the node is not ready.
            Unreachable(e.Message);
            return new StoreProbe(started, seen, false, -1);
        }
    }

    private void Unreachable(string reason)
    {
        lock (_gate)
        {
            if (_wasReachable)
            {
                _wasReachable = false;
                LogUnreachable(reason);
            }
        }
    }

    private sealed record StoreProbe(long Started, long Seen, bool Reachable, long Version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: the store did not answer ({Reason})")]
    private partial void LogUnreachable(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store answers again")]
    private partial void LogReachable();
}
