using System.Collections.Concurrent;
using Kumparan.Content.Publishing;
using Microsoft.Extensions.Options;

namespace Kumparan.Web.Caching;

/// <summary>
/// The rendered responses, by path and query. Bounded in bytes (least recently used go first).
/// A new snapshot drops exactly the entries whose tags it touches; a scheduled article appearing or
/// an article expiring does the same at that minute (checked on each request, no timer).
/// </summary>
public sealed partial class RenderedCache
{
    private const int MaxValidators = 100_000;

    private readonly ConcurrentDictionary<string, RenderedEntry> _entries = new(StringComparer.Ordinal);

    // Validators of dropped entries, so that re-rendering the same bytes keeps the same Last-Modified.
    private readonly ConcurrentDictionary<string, (string Hash, DateTimeOffset LastModified)> _validators = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly ILogger<RenderedCache> _logger;
    private ContentSnapshot _known;
    private DateTimeOffset _checkedAt;
    private long _nextChangeTicks;
    private long _generation;
    private long _bytes;

    public RenderedCache(ContentIndex index, TimeProvider clock, IOptions<RenderedCacheOptions> options, ILogger<RenderedCache> logger)
    {
        _clock = clock;
        _logger = logger;
        Options = options.Value;
        lock (_gate)
        {
            _known = index.Current;
            _checkedAt = clock.GetUtcNow();
            _nextChangeTicks = NextChange(_known, _checkedAt);
        }

        index.Changed += OnChanged;
    }

    public RenderedCacheOptions Options { get; }

    /// <summary>Changes at every invalidation; a response rendered across one is not stored.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _entries.Count;

    public TimeProvider Clock => _clock;

    public RenderedEntry? Find(string key)
    {
        var now = _clock.GetUtcNow();
        if (now.UtcTicks >= Volatile.Read(ref _nextChangeTicks))
        {
            PassTime(now);
        }

        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Until is { } until && now >= until)
        {
            lock (_gate)
            {
                Remove(key, entry);
            }

            return null;
        }

        entry.Touch(Environment.TickCount64);
        return entry;
    }

    /// <summary>Keeps <paramref name="entry"/> unless content changed since <paramref name="generation"/> (it may show the old content).</summary>
    public bool Store(string key, RenderedEntry entry, long generation)
    {
        lock (_gate)
        {
            var known = _validators.TryRemove(key, out var validator) && validator.Hash == entry.Hash;
            entry.SetLastModified(known ? validator.LastModified : _clock.GetUtcNow());
            if (generation != _generation || entry.Size > Options.MaxBytes / 2)
            {
                return false;
            }

            if (_entries.TryGetValue(key, out var previous))
            {
                Remove(key, previous);
            }

            entry.Touch(Environment.TickCount64);
            _entries[key] = entry;
            _bytes += entry.Size;
            if (_bytes > Options.MaxBytes)
            {
                Evict();
            }

            return true;
        }
    }

    /// <summary>
    /// Drops the entries showing any of <paramref name="tags"/>, and those that declared nothing; entries
    /// that show them only loosely are kept for <see cref="RenderedCacheOptions.LooseSeconds"/> more at most.
    /// </summary>
    public void Invalidate(IReadOnlySet<string> tags)
    {
        lock (_gate)
        {
            _generation++;
            var dropped = 0;
            var late = _clock.GetUtcNow().AddSeconds(Options.LooseSeconds);
            foreach (var (key, entry) in _entries)
            {
                if (entry.Tags is null || entry.Tags.Overlaps(tags))
                {
                    Remove(key, entry);
                    dropped++;
                }
                else if (entry.LooseTags is { } loose && loose.Overlaps(tags))
                {
                    entry.ExpireBy(late);
                }
            }

            LogInvalidated(tags.Count, dropped, _entries.Count);
        }
    }

    public void Clear() => Invalidate(new HashSet<string>());

    private void OnChanged(ContentSnapshot snapshot)
    {
        lock (_gate)
        {
            if (snapshot.Version <= _known.Version)
            {
                return;
            }

            var now = _clock.GetUtcNow();
            var tags = SnapshotDiff.TouchedTags(_known, snapshot, now);
            _known = snapshot;
            _checkedAt = now;
            Volatile.Write(ref _nextChangeTicks, NextChange(snapshot, now));
            Invalidate(tags);
        }
    }

    private void PassTime(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now.UtcTicks < _nextChangeTicks)
            {
                return;
            }

            var tags = SnapshotDiff.TouchedByTime(_known, _checkedAt, now);
            _checkedAt = now;
            Volatile.Write(ref _nextChangeTicks, NextChange(_known, now));
            Invalidate(tags);
        }
    }

    private static long NextChange(ContentSnapshot snapshot, DateTimeOffset now) =>
        snapshot.NextChangeAfter(now)?.UtcTicks ?? long.MaxValue;

    // Called under _gate.
    private void Remove(string key, RenderedEntry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, RenderedEntry>(key, entry)))
        {
            _bytes -= entry.Size;
            if (_validators.Count >= MaxValidators)
            {
                _validators.Clear();
            }

            _validators[key] = (entry.Hash, entry.LastModified);
        }
    }

    // Called under _gate: least recently used first, down to 90% of the limit so that eviction is not run on every store.
    private void Evict()
    {
        var target = Options.MaxBytes * 9 / 10;
        foreach (var (key, entry) in _entries.ToArray().OrderBy(e => e.Value.LastUsed))
        {
            if (_bytes <= target)
            {
                break;
            }

            Remove(key, entry);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cache: {Tags} tags changed, {Dropped} responses dropped, {Kept} kept")]
    private partial void LogInvalidated(int tags, int dropped, int kept);
}
