using System.Text;

namespace Kumparan.Content.Articles;

/// <summary>A file's text split into front matter and body, with the line each part starts on.</summary>
public sealed record SourceParts(string FrontMatter, int FrontMatterLine, string Body, int BodyLine)
{
    public FrontMatterFormat Format { get; init; } = FrontMatterFormat.Yaml;
}

/// <summary>How the front matter is written: YAML between --- lines (ours, Jekyll's, Hugo's) or TOML between +++ lines (Hugo's).</summary>
public enum FrontMatterFormat
{
    Yaml,
    Toml,
}

/// <summary>Bytes → text the same way for every editor: UTF-8 only, BOM dropped, CRLF and lone CR read as LF.</summary>
public static class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var invalid = Utf8Invalid(bytes);
        if (invalid >= 0)
        {
            var (line, column) = LineAndColumn(bytes, invalid);
            throw new ContentException(line, column, "The file is not valid UTF-8 text.",
                "Save the file with UTF-8 encoding in your editor.");
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            var (line, column) = LineAndColumn(bytes, nul);
            throw new ContentException(line, column, "The file contains a NUL byte, so it is not a text file.",
                "Remove the invisible character or save the file again as plain text.");
        }

        var text = StrictUtf8.GetString(bytes);
        return text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : text;
    }

    /// <summary>Splits "---\nyaml\n---\nbody" (or Hugo's "+++\ntoml\n+++\nbody") into its parts.</summary>
    public static SourceParts Split(string text)
    {
        var (fence, format) = text.StartsWith("+++", StringComparison.Ordinal) ? ("+++", FrontMatterFormat.Toml) : ("---", FrontMatterFormat.Yaml);
        if (!text.StartsWith(fence + "\n", StringComparison.Ordinal) && text != fence)
        {
            throw text.StartsWith('{')
                ? new ContentException(1, 1, "JSON front matter is not read by this site.",
                    "Write the keys as YAML between \"---\" lines (or TOML between \"+++\" lines), e.g. \"title: ...\".")
                : new ContentException(1, 1, "The file does not start with front matter.",
                    "Put \"---\" on the first line, then title, channel and date, then \"---\" again before the text.");
        }

        var position = 4;
        var line = 2;
        while (position <= text.Length)
        {
            var end = text.IndexOf('\n', position);
            var lineText = (end < 0 ? text.AsSpan(position) : text.AsSpan(position, end - position)).TrimEnd(' ');
            if (lineText.SequenceEqual(fence) || (format == FrontMatterFormat.Yaml && lineText.SequenceEqual("...")))
            {
                var frontMatter = text[4..position];
                var body = end < 0 ? "" : text[(end + 1)..];
                return new SourceParts(frontMatter, 2, body, line + 1) { Format = format };
            }

            if (end < 0)
            {
                break;
            }

            position = end + 1;
            line++;
        }

        throw new ContentException(1, 1, "The front matter is not closed.",
            $"Add a line with \"{fence}\" after the last front matter key.");
    }

    private static int Utf8Invalid(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return -1;
        }

        try
        {
            StrictUtf8.GetCharCount(bytes);
            return -1;
        }
        catch (DecoderFallbackException e)
        {
            return Math.Max(0, e.Index);
        }
    }

    private static (int Line, int Column) LineAndColumn(ReadOnlySpan<byte> bytes, int offset)
    {
        var before = bytes[..Math.Min(offset, bytes.Length)];
        var line = 1 + before.Count((byte)'\n');
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (line, offset - lastNewline);
    }
}
