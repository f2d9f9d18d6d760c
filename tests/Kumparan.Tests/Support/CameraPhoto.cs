using System.Buffers.Binary;
using System.Text;
using NetVips;

namespace Kumparan.Tests.Support;

/// <summary>
/// Pictures as a photographer's camera writes them: a photo-like scene (broad light and shade, texture,
/// sensor grain) saved as a large JPEG, with the EXIF a camera adds — orientation and GPS position.
/// </summary>
public static class CameraPhoto
{
    /// <summary>Where the photos of the tests were "taken" (Monas, Jakarta).</summary>
    public static readonly (double Latitude, double Longitude) Jakarta = (-6.175392, 106.827153);

    /// <param name="orientation">EXIF orientation (6: the camera was turned right; the pixels lie on their side).</param>
    /// <param name="grain">The sensor noise's standard deviation in levels of 255 (a higher ISO: more, and a larger file).</param>
    public static byte[] Jpeg(int width, int height, int orientation = 1, (double Latitude, double Longitude)? gps = null, int quality = 92, int seed = 1, double grain = 4)
    {
        using var scene = Scene(width, height, seed, grain);
        var jpeg = scene.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None);
        return WithExif(jpeg, Exif(orientation, gps));
    }

    /// <summary>
    /// A PNG of the given size, for drawings and graphics. With <paramref name="alpha"/> it fades from
    /// transparent on the left to opaque on the right, as a logo or chart cut out of its background.
    /// </summary>
    public static byte[] Png(int width, int height, bool alpha = false, int seed = 1)
    {
        using var scene = Scene(width, height, seed);
        if (!alpha)
        {
            return scene.PngsaveBuffer(compression: 1);
        }

        using var xyz = Image.Xyz(width, height);
        using var across = xyz[0];
        using var fade = (across * (255.0 / Math.Max(1, width - 1))).Cast(Enums.BandFormat.Uchar);
        using var image = scene.Bandjoin(fade);
        return image.PngsaveBuffer(compression: 1);
    }

    private static Image Scene(int width, int height, int seed, double grain = 4)
    {
        using var light = Image.Perlin(width, height, cellSize: Math.Max(64, width / 6), seed: seed);
        using var texture = Image.Perlin(width, height, cellSize: 24, seed: seed + 1);
        using var noise = Image.Gaussnoise(width, height, sigma: grain, mean: 0, seed: seed + 2);
        using var grey = (light * 90) + (texture * 22) + noise + 120;
        using var colour = grey.Bandjoin(grey * 0.85 + 10, grey * 0.7 + 25);
        return colour.Cast(Enums.BandFormat.Uchar);
    }

    // An APP1 segment inserted after the JPEG's start marker.
    private static byte[] WithExif(byte[] jpeg, byte[] exif)
    {
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(exif.Length + 2));
        exif.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    // "Exif\0\0" and a little-endian TIFF: IFD0 with Orientation and a pointer to the GPS IFD, which holds
    // latitude and longitude with their hemispheres.
    private static byte[] Exif(int orientation, (double Latitude, double Longitude)? gps)
    {
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange(BitConverter.GetBytes((ushort)v));
        void U32(long v) => tiff.AddRange(BitConverter.GetBytes((uint)v));
        void Entry(int tag, int type, int count, long value)
        {
            U16(tag);
            U16(type);
            U32(count);
            U32(value);
        }

        tiff.AddRange("II"u8.ToArray());
        U16(42);
        U32(8);
        var ifd0Entries = gps is null ? 1 : 2;
        var gpsOffset = 8 + 2 + (ifd0Entries * 12) + 4;
        U16(ifd0Entries);
        Entry(0x0112, 3, 1, orientation);
        if (gps is { } position)
        {
            Entry(0x8825, 4, 1, gpsOffset);
        }

        U32(0);
        if (gps is { } where)
        {
            var rationals = gpsOffset + 2 + (4 * 12) + 4;
            U16(4);
            Entry(0x0001, 2, 2, where.Latitude < 0 ? 'S' : 'N');
            Entry(0x0002, 5, 3, rationals);
            Entry(0x0003, 2, 2, where.Longitude < 0 ? 'W' : 'E');
            Entry(0x0004, 5, 3, rationals + 24);
            U32(0);
            foreach (var degrees in new[] { Math.Abs(where.Latitude), Math.Abs(where.Longitude) })
            {
                var whole = (int)degrees;
                var minutes = (int)((degrees - whole) * 60);
                var seconds = (degrees - whole - (minutes / 60.0)) * 3600;
                U32(whole);
                U32(1);
                U32(minutes);
                U32(1);
                U32((long)Math.Round(seconds * 1000));
                U32(1000);
            }
        }

        return [.. Encoding.ASCII.GetBytes("Exif\0\0"), .. tiff];
    }
}
