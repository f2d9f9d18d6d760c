namespace Kumparan.Web.Caching;

/// <summary>
/// The response body while a page renders. At the first write (or flush) it decides, from the
/// status and headers, whether the response may be kept: then it keeps the bytes in memory;
/// otherwise everything goes straight through. Past <paramref name="limit"/> bytes it gives up
/// keeping and sends what it has.
/// </summary>
internal sealed class CapturingStream(Stream inner, Func<bool> cacheable, int limit) : Stream
{
    private MemoryStream? _buffer;
    private bool _decided;
    private bool _abandoned;

    /// <summary>The whole body, when it was kept.</summary>
    public MemoryStream? Buffer => _abandoned ? null : _buffer;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Keep(buffer.Length) is { } kept)
        {
            kept.Write(buffer);
            return;
        }

        if (_buffer is { Length: > 0 } pending)
        {
            _buffer = null;
            inner.Write(pending.GetBuffer().AsSpan(0, (int)pending.Length));
        }

        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Keep(buffer.Length) is { } kept)
        {
            kept.Write(buffer.Span);
            return;
        }

        if (_buffer is { Length: > 0 } pending)
        {
            _buffer = null;
            await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
        }

        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
        if (Keep(0) is null)
        {
            inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        Keep(0) is null ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    // The buffer to write to, or null to write through (after sending anything kept so far).
    private MemoryStream? Keep(int count)
    {
        if (!_decided)
        {
            _decided = true;
            _buffer = cacheable() ? new MemoryStream(16 * 1024) : null;
        }

        if (_buffer is { } buffer && buffer.Length + count > limit)
        {
            _abandoned = true;
            return null;
        }

        return _abandoned ? null : _buffer;
    }
}
