using System.Text;

namespace Kumparan.Content.Import;

/// <summary>
/// A paragraph's inline tree written as Markdown. Emphasis that CommonMark would not read back
/// (a closing "**" between a quotation mark and a letter, say) is left out, so that the reader
/// sees the words without stray asterisks rather than the asterisks themselves. Single delimiter
/// runs follow the flanking rules, checked here; where runs touch ("***"), CommonMark's matching
/// is subtle enough that the paragraph is parsed to see that it reads back.
/// </summary>
internal static partial class InlineMarkdown
{
    private enum PieceKind
    {
        Text,
        Syntax,
        Break,
        Open,
        Close,
        Removed,
    }

    /// <param name="Code">The code of a code span.</param>
    private readonly record struct Piece(PieceKind Kind, string Text, int Partner = -1, string? Code = null);

    public static string Write(SpanNode root, InlinePlace place)
    {
        var pieces = new List<Piece>();
        Collect(root, place, inLink: false, pieces);
        DropUnreadableEmphasis(pieces);
        var markdown = Join(pieces, place);
        if (!HasTouchingRuns(pieces) || ReadsBack(markdown, root))
        {
            return markdown;
        }

        do
        {
            DropTouchingRuns(pieces);
            DropUnreadableEmphasis(pieces);
        }
        while (HasTouchingRuns(pieces));

        return Join(pieces, place);
    }

    // Recursion is bounded: a span of a kind is never opened inside another of the same kind.
    private static void Collect(SpanNode span, InlinePlace place, bool inLink, List<Piece> pieces)
    {
        foreach (var node in span.Children)
        {
            switch (node)
            {
                case TextNode text:
                    pieces.Add(new(PieceKind.Text, MarkdownText.Escape(text.Text.ToString(), inLink)));
                    break;
                case LineBreakNode:
                    pieces.Add(new(PieceKind.Break, "\\\n"));
                    break;
                case CodeNode code:
                    // Markdig keeps the backslash of "\|" inside a code span in a table cell: there the code is text.
                    pieces.Add(place == InlinePlace.Cell && code.Code.Contains('|', StringComparison.Ordinal)
                        ? new(PieceKind.Text, MarkdownText.Escape(code.Code, inLink))
                        : new(PieceKind.Syntax, MarkdownText.CodeSpan(code.Code), Code: code.Code));
                    break;
                case ImageNode image:
                    pieces.Add(new(PieceKind.Syntax, $"![{MarkdownText.Escape(image.Alt, inLink: true)}]({WebAddresses.Destination(image.Url)})"));
                    break;
                case SpanNode { Kind: SpanKind.Link } link:
                    pieces.Add(new(PieceKind.Syntax, "["));
                    Collect(link, place, inLink: true, pieces);
                    pieces.Add(new(PieceKind.Syntax, $"]({WebAddresses.Destination(link.Url!)})"));
                    break;
                case SpanNode inner:
                    var delimiter = inner.Kind switch
                    {
                        SpanKind.Strong => "**",
                        SpanKind.Emphasis => "*",
                        _ => "~~",
                    };
                    var open = pieces.Count;
                    pieces.Add(new(PieceKind.Open, delimiter));
                    Collect(inner, place, inLink, pieces);
                    pieces[open] = pieces[open] with { Partner = pieces.Count };
                    pieces.Add(new(PieceKind.Close, delimiter, open));
                    break;
            }
        }
    }

    private static string Join(List<Piece> pieces, InlinePlace place)
    {
        var output = new StringBuilder();
        List<int> lineStarts = [0];
        var code = (Start: -1, End: -1, Code: "");
        foreach (var piece in pieces)
        {
            // "!" before a link's "[" would make it an image (text has its own "[" escaped).
            if (piece.Kind is PieceKind.Syntax or PieceKind.Text && piece.Text[0] == '[' && output.Length > 0 && output[^1] == '!')
            {
                output.Insert(output.Length - 1, '\\');
            }

            switch (piece.Kind)
            {
                case PieceKind.Removed:
                    break;
                case PieceKind.Break:
                    output.Append(piece.Text);
                    lineStarts.Add(output.Length);
                    break;
                case PieceKind.Syntax when piece.Code is not null && code.End == output.Length:
                    // Two code spans that end up side by side ("`a``b`") would read as one with "``" in it.
                    output.Length = code.Start;
                    code.Code += piece.Code;
                    output.Append(MarkdownText.CodeSpan(code.Code));
                    code.End = output.Length;
                    break;
                case PieceKind.Syntax:
                    if (piece.Code is not null)
                    {
                        // An escaped backtick right before a code span would join its opening run: as a character reference it cannot.
                        if (output.Length > 0 && output[^1] == '`')
                        {
                            output.Length -= 2;
                            output.Append("&#96;");
                        }

                        code = (output.Length, output.Length + piece.Text.Length, piece.Code);
                    }

                    output.Append(piece.Text);
                    break;
                default:
                    output.Append(piece.Text);
                    break;
            }
        }

        if (place == InlinePlace.Paragraph)
        {
            for (var i = lineStarts.Count - 1; i >= 0; i--)
            {
                MarkdownText.EscapeLineStart(output, lineStarts[i]);
            }
        }

        // A heading's trailing "#" would be read as its closing sequence.
        if (place == InlinePlace.Heading && output.Length > 0 && output[^1] == '#')
        {
            output.Insert(output.Length - 1, '\\');
        }

        return output.ToString();
    }
}
