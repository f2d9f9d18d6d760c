using System.Collections.Concurrent;
using Kumparan.Content.Articles;

namespace Kumparan.Content.Storage;

/// <summary>
/// Articles read from the store (their listed fields, not their bodies), kept for the lists, feeds and
/// "Baca juga" that show the same recent articles again and again. Bounded by count; an article that
/// changes is forgotten by <see cref="Forget"/> (the content index announces every change).
/// </summary>
public sealed class DocumentCache(int capacity = DocumentCache.DefaultCapacity)
{
    public const int DefaultCapacity = 20_000;

    private readonly ConcurrentDictionary<string, Article> _articles = new(StringComparer.Ordinal);
    private long _generation;

    public int Count => _articles.Count;

    /// <summary>Changes with every forget: take it before reading from the store, and give it to <see cref="Add"/>.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public bool TryGet(string id, out Article article) => _articles.TryGetValue(id, out article!);

    /// <summary>Keeps <paramref name="article"/> unless something was forgotten since <paramref name="generation"/> (it may be the old version).</summary>
    public void Add(Article article, long generation)
    {
        if (generation != Generation)
        {
            return;
        }

        if (_articles.Count >= capacity)
        {
            // Crude but bounded: start again rather than track use; the hot articles come back at once.
            _articles.Clear();
        }

        _articles[article.Id] = article;
    }

    public void Forget(string id)
    {
        Interlocked.Increment(ref _generation);
        _articles.TryRemove(id, out _);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _articles.Clear();
    }
}
