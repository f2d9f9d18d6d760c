using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Kumparan.Web.Caching;

/// <summary>One encoding of a stored response: its bytes and its strong ETag.</summary>
public sealed class RenderedVariant(byte[] body, string etag, string? encoding)
{
    public byte[] Body { get; } = body;

    public string ETag { get; } = etag;

    /// <summary>"br", "gzip" or null for identity.</summary>
    public string? Encoding { get; } = encoding;
}

/// <summary>A response rendered once and kept as bytes, with its precompressed variants and validators.</summary>
public sealed class RenderedEntry
{
    public const string CacheControl = "public, max-age=60, stale-while-revalidate=600";

    /// <summary>For a URL named by its content (a fingerprinted file, the versioned stylesheet): never changes.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";

    private long _lastUsed;
    private long _untilTicks;

    private RenderedEntry(string contentType, string hash, RenderedVariant identity, RenderedVariant? brotli, RenderedVariant? gzip,
        FrozenSet<string>? tags, FrozenSet<string>? looseTags, DateTimeOffset? until)
    {
        ContentType = contentType;
        Hash = hash;
        Identity = identity;
        Brotli = brotli;
        Gzip = gzip;
        Tags = tags;
        LooseTags = looseTags;
        _untilTicks = until?.UtcTicks ?? long.MaxValue;
        Size = 512 + identity.Body.Length + (brotli?.Body.Length ?? 0) + (gzip?.Body.Length ?? 0)
            + (tags?.Sum(t => 32 + (t.Length * 2)) ?? 0) + (looseTags?.Sum(t => 32 + (t.Length * 2)) ?? 0);
    }

    public string ContentType { get; }

    /// <summary>Hash of the identity bytes; the ETags are made from it.</summary>
    public string Hash { get; }

    public RenderedVariant Identity { get; }

    public RenderedVariant? Brotli { get; }

    public RenderedVariant? Gzip { get; }

    /// <summary>What the response shows; null: it declared nothing, so any change drops it.</summary>
    public FrozenSet<string>? Tags { get; }

    /// <summary>What the response shows in lists that may lag behind (see <c>DependsLooselyOn</c>).</summary>
    public FrozenSet<string>? LooseTags { get; }

    /// <summary>When the response must be rendered again at the latest (its own time limit, or a loose tag's change).</summary>
    public DateTimeOffset? Until => Volatile.Read(ref _untilTicks) is var ticks && ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <summary>Lets the response live until <paramref name="time"/> at the most (never later than it already would).</summary>
    public void ExpireBy(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        var current = Volatile.Read(ref _untilTicks);
        while (ticks < current)
        {
            var seen = Interlocked.CompareExchange(ref _untilTicks, ticks, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    public DateTimeOffset LastModified { get; private set; }

    public string LastModifiedText { get; private set; } = "";

    /// <summary>The endpoint that rendered the response (its route names it in the request metrics); set before the entry is stored.</summary>
    public Endpoint? Endpoint { get; set; }

    /// <summary>Approximate bytes held, for the size limit.</summary>
    public long Size { get; }

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch(long now) => Volatile.Write(ref _lastUsed, now);

    public void SetLastModified(DateTimeOffset time)
    {
        // HTTP dates have whole seconds; comparisons with If-Modified-Since must too.
        LastModified = DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
        LastModifiedText = HeaderUtilities.FormatDate(LastModified);
    }

    public static RenderedEntry Create(ReadOnlySpan<byte> body, string contentType, IEnumerable<string>? tags, DateTimeOffset? until, RenderedCacheOptions options,
        IEnumerable<string>? looseTags = null)
    {
        var bytes = body.ToArray();
        var hash = Convert.ToBase64String(SHA256.HashData(bytes), 0, 12).Replace('+', '-').Replace('/', '_');
        var identity = new RenderedVariant(bytes, $"\"{hash}\"", null);
        var brotli = Smaller(CompressBrotli(bytes, options.BrotliQuality), bytes.Length, $"\"{hash}-br\"", "br");
        var gzip = Smaller(CompressGzip(bytes, options.GzipLevel), bytes.Length, $"\"{hash}-gz\"", "gzip");
        var loose = looseTags?.ToFrozenSet(StringComparer.Ordinal);
        return new RenderedEntry(contentType, hash, identity, brotli, gzip, tags?.ToFrozenSet(StringComparer.Ordinal), loose is { Count: > 0 } ? loose : null, until);
    }

    /// <summary>
    /// A response sent once and not kept: identity, plus the one encoding the request accepts, compressed
    /// fast (its entity tag says so: "-br1", "-gz1"; the kept variants are compressed harder).
    /// </summary>
    public static RenderedEntry CreateFor(ReadOnlySpan<byte> body, string contentType, AcceptedEncodings accepted)
    {
        var bytes = body.ToArray();
        var hash = Convert.ToBase64String(SHA256.HashData(bytes), 0, 12).Replace('+', '-').Replace('/', '_');
        var identity = new RenderedVariant(bytes, $"\"{hash}\"", null);
        var brotli = accepted.Brotli ? Smaller(CompressBrotli(bytes, 1), bytes.Length, $"\"{hash}-br1\"", "br") : null;
        var gzip = !accepted.Brotli && accepted.Gzip ? Smaller(CompressGzip(bytes, 1), bytes.Length, $"\"{hash}-gz1\"", "gzip") : null;
        return new RenderedEntry(contentType, hash, identity, brotli, gzip, null, null, null);
    }

    /// <summary>The variant to send for an Accept-Encoding header: Brotli, then gzip, then identity.</summary>
    public RenderedVariant Select(AcceptedEncodings accepted) =>
        accepted.Brotli && Brotli is not null ? Brotli : accepted.Gzip && Gzip is not null ? Gzip : Identity;

    /// <summary>The variant an entity tag from If-None-Match names, if any.</summary>
    public RenderedVariant? Matching(ReadOnlySpan<char> etag) =>
        etag.SequenceEqual(Identity.ETag) ? Identity
        : Brotli is not null && etag.SequenceEqual(Brotli.ETag) ? Brotli
        : Gzip is not null && etag.SequenceEqual(Gzip.ETag) ? Gzip
        : null;

    private static RenderedVariant? Smaller(byte[] compressed, int original, string etag, string encoding) =>
        compressed.Length < original ? new RenderedVariant(compressed, etag, encoding) : null;

    private static byte[] CompressBrotli(byte[] bytes, int quality)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        return BrotliEncoder.TryCompress(bytes, output, out var written, quality, window: 22) ? output[..written] : bytes;
    }

    private static byte[] CompressGzip(byte[] bytes, int level)
    {
        using var output = new MemoryStream(bytes.Length / 3);
        using (var gzip = new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = level }))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
