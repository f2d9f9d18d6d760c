using Kumparan.Content.Articles;

namespace Kumparan.Content.Rendering;

/// <summary>
/// A cheap look at each line's container prefix before Markdig parses it, so that a file with
/// thousands of nested quotes or list markers is rejected instead of exhausting the parser's stack.
/// </summary>
internal static class NestingGuard
{
    public static void Check(string markdown, int firstLine, int maxNesting)
    {
        var line = 0;
        var start = 0;
        while (start <= markdown.Length)
        {
            var end = markdown.IndexOf('\n', start);
            if (end < 0)
            {
                end = markdown.Length;
            }

            var depth = Depth(markdown.AsSpan(start, end - start), out var column);
            if (depth > maxNesting)
            {
                throw new ContentException(firstLine + line, column + 1,
                    $"Lists or quotes are nested more than {maxNesting} levels deep.", "Flatten the nesting.");
            }

            line++;
            start = end + 1;
        }
    }

    // Counts quote and list markers at the start of a line, plus the indentation in front of a
    // marker (a nested list is indented by about two columns per level). Indentation in front of
    // ordinary text or code is not nesting and is not counted.
    private static int Depth(ReadOnlySpan<char> line, out int column)
    {
        var depth = 0;
        var indent = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            var markerLength = MarkerLength(line[i..]);
            if (c == ' ')
            {
                indent++;
                i++;
            }
            else if (c == '\t')
            {
                indent += 4;
                i++;
            }
            else if (c == '>' || markerLength > 0)
            {
                depth += 1 + (indent / 2);
                indent = 0;
                i += c == '>' ? 1 : markerLength;
            }
            else
            {
                break;
            }
        }

        column = i;
        return depth;
    }

    // "- ", "* ", "+ ", "1. ", "1) " → the marker's length including its space; otherwise 0.
    private static int MarkerLength(ReadOnlySpan<char> rest)
    {
        if (rest.Length >= 2 && rest[0] is '-' or '*' or '+' && rest[1] is ' ' or '\t')
        {
            return 2;
        }

        var digits = 0;
        while (digits < rest.Length && digits < 9 && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }

        return digits > 0 && digits + 1 < rest.Length && rest[digits] is '.' or ')' && rest[digits + 1] is ' ' or '\t'
            ? digits + 2
            : 0;
    }
}
