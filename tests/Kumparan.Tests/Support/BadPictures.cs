using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Kumparan.Tests.Support;

/// <summary>Pictures an editor should not have dropped into content/media, written byte by byte.</summary>
public static class BadPictures
{
    /// <summary>Bytes that are no picture at all (a failed download, a file of another kind renamed).</summary>
    public static byte[] Noise(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x42; // never a picture's first byte by chance
        return bytes;
    }

    /// <summary>The first half of a real JPEG: a copy that stopped in the middle.</summary>
    public static byte[] Truncated(byte[] picture) => picture[..(picture.Length / 2)];

    /// <summary>
    /// A valid PNG whose header says <paramref name="width"/>×<paramref name="height"/> RGB pixels with a
    /// few bytes of data: a decompression bomb (50,000×50,000 would be 7.5 GB once decoded).
    /// </summary>
    public static byte[] PngBomb(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per sample
        header[9] = 2; // RGB
        // compression 0, filter 0, interlace 0

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[1 + (3 * 64)]); // the first row's filter byte and a few black pixels
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public const string CleanSvg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="640" height="320" viewBox="0 0 640 320">
          <defs><linearGradient id="langit"><stop offset="0" stop-color="#1e6fd9"/><stop offset="1" stop-color="#9fd3ff"/></linearGradient></defs>
          <rect width="640" height="320" fill="url(#langit)"/>
          <circle cx="520" cy="80" r="40" fill="#ffd23f"/>
          <path d="M0 320 L160 180 L300 320 Z" fill="#2f7d32"/>
        </svg>
        """;

    public const string ScriptSvg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
          <rect width="200" height="100" fill="#eee"/>
          <script>fetch('/admin?cookie=' + document.cookie)</script>
        </svg>
        """;

    public const string OnloadSvg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" onload="alert(document.domain)">
          <rect width="200" height="100" fill="#eee"/>
        </svg>
        """;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320), bit by bit.</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
