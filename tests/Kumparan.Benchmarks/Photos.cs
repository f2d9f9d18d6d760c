using System.Diagnostics;
using System.Globalization;
using Kumparan.Tests.Support;

namespace Kumparan.Benchmarks;

/// <summary>
/// <c>photos N FOLDER [WIDTH HEIGHT]</c>: N camera-sized photos for tests/bench/images.sh, written as
/// FOLDER/foto-0001.jpg …: 4000×3000 by default, JPEG quality 92, a photo-like scene (light and shade,
/// texture, grain; <see cref="CameraPhoto"/>, the tests' own), each with its own seed and grain (3.3 to
/// 5.4 MB each at 4000×3000), EXIF with the GPS position a camera adds, and every fourth one with
/// orientation 6 (a portrait: the camera turned right, the pixels on their side). The same N always
/// gives the same files.
/// </summary>
public static class Photos
{
    public static int Run(string[] args)
    {
        if (args.Length is not (3 or 5) || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            Console.Error.WriteLine("usage: photos N FOLDER [WIDTH HEIGHT]   (N ≥ 1; 4000 3000 by default)");
            return 2;
        }

        var (width, height) = (4000, 3000);
        if (args.Length == 5 && !(int.TryParse(args[3], CultureInfo.InvariantCulture, out width)
                                  && int.TryParse(args[4], CultureInfo.InvariantCulture, out height) && width > 0 && height > 0))
        {
            Console.Error.WriteLine("photos: WIDTH and HEIGHT must be positive whole numbers");
            return 2;
        }

        var folder = args[2];
        Directory.CreateDirectory(folder);
        var started = Stopwatch.GetTimestamp();
        long bytes = 0, smallest = long.MaxValue, largest = 0;
        for (var i = 1; i <= count; i++)
        {
            var jpeg = CameraPhoto.Jpeg(width, height, orientation: i % 4 == 0 ? 6 : 1, gps: CameraPhoto.Jakarta, quality: 92, seed: i * 7, grain: Grain(i));
            File.WriteAllBytes(Path.Combine(folder, $"foto-{i:D4}.jpg"), jpeg);
            bytes += jpeg.Length;
            smallest = Math.Min(smallest, jpeg.Length);
            largest = Math.Max(largest, jpeg.Length);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"photos: {count} of {width}×{height} in {elapsed:0} ms, {bytes} bytes ({bytes / count} on average, {smallest} to {largest})"));
        return 0;
    }

    // Sensor noise from ISO 100-ish to a dim room: 3.3 to 5.4 MB at 4000×3000, quality 92.
    private static double Grain(int i) => 5 + (i % 8);
}
