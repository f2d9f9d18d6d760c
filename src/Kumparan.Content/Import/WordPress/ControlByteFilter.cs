namespace Kumparan.Content.Import.WordPress;

/// <summary>
/// Reads a stream without the C0 control bytes XML 1.0 forbids (all but tab, line feed and carriage
/// return): old posts pasted from word processors carry them, WordPress exports them as they are, and
/// an XML parser stops at the first one. Those bytes mean the same control characters in UTF-8 and in
/// every 8-bit encoding an export can declare, and never occur inside another character's bytes, so
/// dropping them changes nothing else (line numbers stay true; columns may move left).
/// </summary>
internal sealed class ControlByteFilter(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            var read = inner.Read(buffer);
            if (read == 0)
            {
                return 0;
            }

            var kept = 0;
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b >= 0x20 || b is 0x09 or 0x0A or 0x0D)
                {
                    buffer[kept++] = b;
                }
            }

            if (kept > 0)
            {
                return kept;
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
