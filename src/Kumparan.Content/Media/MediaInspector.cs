using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NetVips;

namespace Kumparan.Content.Media;

/// <summary>What a check of a picture found: the picture, or what is wrong with it and what to do.</summary>
public sealed record MediaCheck(MediaImage? Image, string? Problem, string? Fix)
{
    public static MediaCheck Bad(string problem, string fix) => new(null, problem, fix);
}

/// <summary>
/// Checks a picture in content/media before any page shows it: its size on disk, that its bytes are
/// the format its name says, its pixel count (read from the header, before anything is decoded), that
/// it decodes whole, and for SVG that it holds no script. A picture that passes gets its fingerprint
/// and its upright size. Results are remembered per file version (path, size, time).
/// </summary>
public sealed partial class MediaInspector(ImageOptions options, string mediaRoot)
{
    private const int Remembered = 20_000;

    private readonly ConcurrentDictionary<string, (long Length, long Ticks, MediaCheck Check)> _checked = new(StringComparer.Ordinal);

    public string MediaRoot => mediaRoot;

    /// <summary>A name under content/media that cannot leave it: letters, digits, - _ . and / between folders.</summary>
    public static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 200
        && !name.StartsWith('/')
        && !name.Contains("..", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');

    public ImageOptions Options => options;

    public MediaCheck Check(string name)
    {
        var path = Path.Combine(mediaRoot, name);
        var file = new FileInfo(path);
        if (!file.Exists || file.LinkTarget is not null)
        {
            return MediaCheck.Bad($"content/media/{name} does not exist.", "Add the file or fix the name.");
        }

        if (_checked.TryGetValue(path, out var known) && known.Length == file.Length && known.Ticks == file.LastWriteTimeUtc.Ticks)
        {
            return known.Check;
        }

        var check = Inspect(name, file);
        if (_checked.Count >= Remembered)
        {
            _checked.Clear();
        }

        _checked[path] = (file.Length, file.LastWriteTimeUtc.Ticks, check);
        return check;
    }

    private MediaCheck Inspect(string name, FileInfo file)
    {
        var shown = $"content/media/{name}";
        if (file.Length > options.MaxFileBytes)
        {
            return MediaCheck.Bad($"{shown} is {Megabytes(file.Length)}, over the limit of {Megabytes(options.MaxFileBytes)}.",
                "Export it smaller (4000 px on the long side at quality 85 is plenty for the web), or raise Kumparan:Images:MaxFileBytes.");
        }

        byte[] head;
        using (var stream = file.OpenRead())
        {
            head = new byte[Math.Min(file.Length, 4096)];
            stream.ReadExactly(head);
        }

        var format = Sniff(head);
        var named = FormatOfName(name);
        if (format is null)
        {
            return MediaCheck.Bad($"{shown} is not a picture this site can show.", "Use a JPEG, PNG, GIF, WebP, AVIF or SVG file.");
        }

        if (named != format)
        {
            var proper = Path.ChangeExtension(Path.GetFileName(name), ExtensionOf(format.Value));
            return MediaCheck.Bad($"{shown} is a {format.Value.ToString().ToUpperInvariant()} file with a {Path.GetExtension(name)} name.",
                $"Rename it to {proper} and write that name in the article.");
        }

        if (format == ImageFormat.Svg && ActiveSvgContent(file) is { } active)
        {
            return MediaCheck.Bad($"{shown} holds {active}, which a picture must not.",
                "Export the drawing again as a plain SVG (no scripts, links or embedded pages), or as a PNG.");
        }

        VipsBounds.Configure();
        int width, height;
        bool alpha;
        try
        {
            using var header = Image.NewFromFile(file.FullName, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            (width, height, alpha) = (header.Width, header.Height, header.HasAlpha());
            if (header.Contains("orientation") && header.Get("orientation") is int orientation && orientation is >= 5 and <= 8)
            {
                (width, height) = (height, width);
            }
        }
        catch (VipsException e)
        {
            return Damaged(shown, format.Value, e);
        }

        if ((long)width * height > options.MaxPixels)
        {
            return MediaCheck.Bad($"{shown} is {width:N0}×{height:N0} pixels, over the limit of {options.MaxPixels / 1_000_000.0:0.#} megapixels.",
                "Resize it: 4000 px on the long side is plenty for the web.");
        }

        // The whole file is decoded once, at a small size (a JPEG decodes at 1/8 scale), so a truncated or
        // damaged picture is found here and not by a reader.
        try
        {
            using var small = Image.Thumbnail(file.FullName, 64, height: 64, failOn: Enums.FailOn.Error);
            _ = small.Avg();
        }
        catch (VipsException e)
        {
            return Damaged(shown, format.Value, e);
        }

        using var hashed = file.OpenRead();
        var hash = Convert.ToHexStringLower(SHA256.HashData(hashed))[..16];
        return new MediaCheck(new MediaImage(name, hash, width, height, format.Value, alpha), null, null);
    }

    private static MediaCheck Damaged(string shown, ImageFormat format, VipsException e)
    {
        var reason = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(l => !l.StartsWith("unable to call", StringComparison.Ordinal)) ?? e.Message;
        return MediaCheck.Bad($"{shown} is damaged and cannot be read as {format.ToString().ToUpperInvariant()} ({reason.TrimEnd('.')}).",
            "Export or copy the picture again from the original.");
    }

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:0.#} MB";

    /// <summary>Whether a file's first bytes are a picture's, whatever its name.</summary>
    public static bool LooksLikePicture(string path)
    {
        Span<byte> head = stackalloc byte[512];
        using var stream = File.OpenRead(path);
        return Sniff(head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)]) is not null;
    }

    /// <summary>The format the bytes are, whatever the name says.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.Webp;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && (head[8..12].SequenceEqual("avif"u8) || head[8..12].SequenceEqual("avis"u8)))
        {
            return ImageFormat.Avif;
        }

        var text = Encoding.UTF8.GetString(head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head).TrimStart();
        return text.StartsWith('<') && text.Contains("<svg", StringComparison.OrdinalIgnoreCase) ? ImageFormat.Svg : null;
    }

    public static ImageFormat? FormatOfName(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => ImageFormat.Jpeg,
        ".png" => ImageFormat.Png,
        ".gif" => ImageFormat.Gif,
        ".webp" => ImageFormat.Webp,
        ".avif" => ImageFormat.Avif,
        ".svg" => ImageFormat.Svg,
        _ => null,
    };

    private static string ExtensionOf(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => ".jpg",
        _ => "." + format.ToString().ToLowerInvariant(),
    };

    /// <summary>Script, event handlers, links out or embedded documents in an SVG: what would run or load where the picture is opened.</summary>
    private static string? ActiveSvgContent(FileInfo file)
    {
        var text = File.ReadAllText(file.FullName);
        var match = ActiveSvg().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var found = match.Value.TrimStart('<', ' ', '\t', '\r', '\n').ToLowerInvariant();
        var line = text.AsSpan(0, match.Index).Count('\n') + 1;
        return found switch
        {
            _ when found.StartsWith("script", StringComparison.Ordinal) => $"a <script> element (line {line})",
            _ when found.StartsWith("on", StringComparison.Ordinal) => $"an event handler \"{match.Value.Trim().TrimEnd('=').Trim()}\" (line {line})",
            _ when found.Contains("javascript", StringComparison.Ordinal) => $"a javascript: link (line {line})",
            _ when found.Contains("href", StringComparison.Ordinal) => $"a link to another file (line {line})",
            _ => $"an embedded <{found}> element (line {line})",
        };
    }

    [GeneratedRegex("""<\s*script\b|\son[a-z]+\s*=|javascript\s*:|<\s*(foreignObject|iframe|embed|object)\b|\bhref\s*=\s*["'](?!#)|<!ENTITY""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ActiveSvg();
}

/// <summary>libvips settings that bound its memory: no cache of operations, one thread per operation.</summary>
public static class VipsBounds
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        NetVips.NetVips.Concurrency = 1;
    }
}
