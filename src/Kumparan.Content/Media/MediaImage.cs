namespace Kumparan.Content.Media;

public enum ImageFormat
{
    Jpeg,
    Png,
    Gif,
    Webp,
    Avif,
    Svg,
}

/// <summary>
/// A picture in content/media as it is shown: its name, the first 16 hex digits of the SHA-256 of its
/// bytes (the variants' fingerprint) and its size upright (EXIF orientation applied).
/// </summary>
public sealed record MediaImage(string Name, string Hash, int Width, int Height, ImageFormat Format, bool HasAlpha)
{
    /// <summary>Drawings, screenshots and pictures with transparency fall back to PNG; photos to JPEG.</summary>
    public bool Graphic => HasAlpha || Format is ImageFormat.Png or ImageFormat.Gif or ImageFormat.Svg;
}

/// <summary>
/// The variants of a picture and their URLs: <c>/img/{width}/{hash}/{name}.{format}</c> and
/// <c>/img/og/{hash}/{name}.jpg</c> (the 1200×630 link-preview crop), where the name is the file's under
/// content/media without its extension. The hash makes them immutable: another version of the file has
/// other URLs.
/// </summary>
public static class Variants
{
    public const string Prefix = "/img/";

    /// <summary>Link previews show 1200×630 (1.91:1) in full.</summary>
    public const int OgWidth = 1200;
    public const int OgHeight = 630;

    public static readonly string[] ModernFormats = ["avif", "webp"];

    /// <summary>The formats a width is made in: AVIF up to <paramref name="avifMaxWidth"/>, WebP and the fallback always.</summary>
    public static IEnumerable<string> FormatsAt(int width, bool graphic, int avifMaxWidth)
    {
        if (width <= avifMaxWidth)
        {
            yield return "avif";
        }

        yield return "webp";
        yield return FallbackFormat(graphic);
    }

    /// <summary>The widths made of a picture <paramref name="width"/> pixels wide: the configured ones below it, and the widest it allows.</summary>
    public static int[] WidthsFor(int width, IReadOnlyList<int> configured)
    {
        var widest = configured.Count == 0 ? width : Math.Min(width, configured.Max());
        return [.. configured.Where(w => w > 0 && w < widest).Append(widest).Distinct().Order()];
    }

    public static int HeightAt(int width, int originalWidth, int originalHeight) =>
        Math.Max(1, (int)Math.Round((double)originalHeight * width / originalWidth, MidpointRounding.AwayFromZero));

    /// <summary>The link-preview crop: 1200×630, or the largest 1.91:1 box the picture holds when it is smaller.</summary>
    public static (int Width, int Height) OgSize(int width, int height)
    {
        var w = Math.Min(OgWidth, Math.Min(width, (int)(height * (double)OgWidth / OgHeight)));
        var h = Math.Min(height, (int)Math.Round(w * (double)OgHeight / OgWidth));
        return (Math.Max(1, w), Math.Max(1, h));
    }

    public static string FallbackFormat(bool graphic) => graphic ? "png" : "jpg";

    public static string ContentType(string format) => format switch
    {
        "avif" => "image/avif",
        "webp" => "image/webp",
        "png" => "image/png",
        _ => "image/jpeg",
    };

    public static string Url(string name, string hash, int width, string format) =>
        $"{Prefix}{width}/{hash}/{EscapePath(Stem(name))}.{format}";

    public static string OgUrl(string name, string hash) => $"{Prefix}og/{hash}/{EscapePath(Stem(name))}.jpg";

    /// <summary>A name under content/media without its extension (<c>foto/pasar.jpg</c> → <c>foto/pasar</c>).</summary>
    public static string Stem(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > name.LastIndexOf('/') + 1 ? name[..dot] : name;
    }

    /// <summary>The file of a variant under the variants folder: <c>ab/abcdef…/640.avif</c>, <c>…/og.jpg</c>.</summary>
    public static string FileName(string hash, string key) => Path.Combine(hash[..2], hash, key);

    /// <summary>A variant URL's parts, or null when it is not one.</summary>
    public static VariantRequest? Parse(string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = path[Prefix.Length..].Split('/', 3);
        if (parts.Length != 3 || parts[1].Length != 16 || !parts[1].All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var dot = parts[2].LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var name = Uri.UnescapeDataString(parts[2][..dot]);
        var format = parts[2][(dot + 1)..];
        if (parts[0] == "og")
        {
            return format == "jpg" ? new VariantRequest(name, parts[1], 0, format) : null;
        }

        return int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width)
               && width is > 0 and <= 20_000 && format is "avif" or "webp" or "jpg" or "png"
            ? new VariantRequest(name, parts[1], width, format)
            : null;
    }

    private static string EscapePath(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
}

/// <param name="Stem">The picture's name under content/media without its extension.</param>
/// <param name="Width">0 for the link-preview crop.</param>
public sealed record VariantRequest(string Stem, string Hash, int Width, string Format)
{
    public string Key => Width == 0 ? "og.jpg" : $"{Width}.{Format}";
}
