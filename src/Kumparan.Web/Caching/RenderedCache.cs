using System.Collections.Concurrent;
using System.Data.Common;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Microsoft.Extensions.Options;

namespace Kumparan.Web.Caching;

/// <summary>
/// The rendered responses, by path and query. Bounded in bytes (least recently used go first).
/// A content change drops exactly the entries whose tags it touches; a scheduled article appearing or
/// an article expiring does the same at that minute (the store tells the next such minute; checked on
/// each request, no timer; what passed is asked of the store, a cost that grows only with what changed).
/// </summary>
public sealed partial class RenderedCache
{
    private const int MaxValidators = 100_000;

    private readonly ConcurrentDictionary<string, RenderedEntry> _entries = new(StringComparer.Ordinal);

    // Validators of dropped entries, so that re-rendering the same bytes keeps the same Last-Modified.
    private readonly ConcurrentDictionary<string, (string Hash, DateTimeOffset LastModified)> _validators = new(StringComparer.Ordinal);

    // URLs that missed once while the cache was nearly full (see Admits).
    private readonly ConcurrentDictionary<string, byte> _missed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly ILogger<RenderedCache> _logger;
    private readonly IArticleListing _listing;
    private readonly IArticleReader _reader;
    private long _knownVersion;
    private DateTimeOffset _checkedAt;
    private long _nextChangeTicks;
    private long _generation;
    private long _bytes;

    public RenderedCache(ContentIndex index, IArticleListing listing, IArticleReader reader, TimeProvider clock, IOptions<RenderedCacheOptions> options,
        ILogger<RenderedCache> logger)
    {
        _clock = clock;
        _logger = logger;
        _listing = listing;
        _reader = reader;
        Options = options.Value;
        lock (_gate)
        {
            _knownVersion = index.Current.Version;
            _checkedAt = clock.GetUtcNow();
            _nextChangeTicks = NextChange(_checkedAt);
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

    /// <summary>Drops every response (a change of everything: a bulk sync, an import, a follower that lost its connection).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _generation++;
            var dropped = 0;
            foreach (var (key, entry) in _entries)
            {
                Remove(key, entry);
                dropped++;
            }

            LogCleared(dropped);
        }
    }

    /// <summary>
    /// Whether a response for <paramref name="key"/> should be kept: always while the cache has room;
    /// once it is nearly full, only for a URL that missed before (<see cref="RenderedCacheOptions.AdmitEveryoneBelow"/>).
    /// </summary>
    public bool Admits(string key)
    {
        if (Bytes < Options.MaxBytes * Options.AdmitEveryoneBelow)
        {
            return true;
        }

        if (_missed.TryRemove(key, out _))
        {
            return true;
        }

        if (_missed.Count >= Options.DoorkeeperKeys)
        {
            _missed.Clear();
        }

        _missed.TryAdd(key, 0);
        return false;
    }

    /// <summary>Gives a response that is sent but not kept the Last-Modified it would have had if kept.</summary>
    public void Stamp(string key, RenderedEntry entry) =>
        entry.SetLastModified(_validators.TryGetValue(key, out var validator) && validator.Hash == entry.Hash ? validator.LastModified : _clock.GetUtcNow());

    private void OnChanged(ContentChange change)
    {
        lock (_gate)
        {
            if (change.Version <= _knownVersion)
            {
                return;
            }

            var now = _clock.GetUtcNow();
            _knownVersion = change.Version;
            if (change.Everything)
            {
                _checkedAt = now;
                Volatile.Write(ref _nextChangeTicks, NextChange(now));
                Clear();
                return;
            }

            var tags = ChangeTags.Of(change, _reader, now);
            // A minute at which an article appears or expires may lie in the interval since the last
            // check: it is passed here, or no request would ever see it pass (the time mark moves on below).
            tags.UnionWith(ChangeTags.ByTime(_listing, _checkedAt, now));
            _checkedAt = now;
            Volatile.Write(ref _nextChangeTicks, NextChange(now));
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

            HashSet<string> tags;
            long next;
            try
            {
                tags = ChangeTags.ByTime(_listing, _checkedAt, now);
                next = NextChange(now);
            }
            catch (DbException e)
            {
                // The store is out of reach (a database restarting): what is cached keeps serving, and the
                // interval is passed again a second later, from the same mark.
                Volatile.Write(ref _nextChangeTicks, now.AddSeconds(1).UtcTicks);
                LogStoreUnreachable(e.Message);
                return;
            }

            _checkedAt = now;
            Volatile.Write(ref _nextChangeTicks, next);
            Invalidate(tags);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the store which articles appeared or expired ({Problem}); serving what is cached")]
    private partial void LogStoreUnreachable(string problem);

    private long NextChange(DateTimeOffset now) => _listing.NextChangeAfter(now)?.UtcTicks ?? long.MaxValue;

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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cache: everything changed, {Dropped} responses dropped")]
    private partial void LogCleared(int dropped);
}
