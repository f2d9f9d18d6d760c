using Kumparan.Content.Rendering;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Kumparan.Content.Import;

/// <summary>Which emphasis delimiters CommonMark would read back as written, and leaving out the others.</summary>
internal static partial class InlineMarkdown
{
    // CommonMark's flanking rules: an opening run must be left-flanking, a closing run right-flanking.
    // Leaving a pair out changes its neighbours' surroundings, so look again until nothing changes.
    private static void DropUnreadableEmphasis(List<Piece> pieces)
    {
        for (var pass = 0; pass < 16; pass++)
        {
            JoinTouchingSpans(pieces);
            var changed = false;
            for (var i = 0; i < pieces.Count; i++)
            {
                if (pieces[i].Kind != PieceKind.Open)
                {
                    continue;
                }

                var close = pieces[i].Partner;
                var (beforeOpen, afterOpen) = Around(pieces, i);
                var (beforeClose, afterClose) = Around(pieces, close);
                var leftFlanking = !char.IsWhiteSpace(afterOpen) && (!IsPunctuation(afterOpen) || char.IsWhiteSpace(beforeOpen) || IsPunctuation(beforeOpen));
                var rightFlanking = !char.IsWhiteSpace(beforeClose) && (!IsPunctuation(beforeClose) || char.IsWhiteSpace(afterClose) || IsPunctuation(afterClose));
                if (!leftFlanking || !rightFlanking)
                {
                    pieces[i] = pieces[i] with { Kind = PieceKind.Removed };
                    pieces[close] = pieces[close] with { Kind = PieceKind.Removed };
                    changed = true;
                }
            }

            if (!changed)
            {
                return;
            }
        }
    }

    // "**a**" right before "**b**" is one span "**ab**": "**a****b**" would not read back.
    private static void JoinTouchingSpans(List<Piece> pieces)
    {
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Kind != PieceKind.Close)
            {
                continue;
            }

            var next = i + 1;
            while (next < pieces.Count && pieces[next].Kind == PieceKind.Removed)
            {
                next++;
            }

            if (next < pieces.Count && pieces[next].Kind == PieceKind.Open && pieces[next].Text == pieces[i].Text)
            {
                var (open, close) = (pieces[i].Partner, pieces[next].Partner);
                pieces[open] = pieces[open] with { Partner = close };
                pieces[close] = pieces[close] with { Partner = open };
                pieces[i] = pieces[i] with { Kind = PieceKind.Removed };
                pieces[next] = pieces[next] with { Kind = PieceKind.Removed };
            }
        }
    }

    // The characters around a delimiter's run (the delimiters of the same character next to it belong to the run).
    private static (char Before, char After) Around(List<Piece> pieces, int index)
    {
        var c = pieces[index].Text[0];
        var before = ' ';
        for (var i = index - 1; i >= 0; i--)
        {
            if (!InRun(pieces[i], c))
            {
                before = pieces[i].Kind == PieceKind.Break ? '\n' : pieces[i].Text[^1];
                break;
            }
        }

        var after = ' ';
        for (var i = index + 1; i < pieces.Count; i++)
        {
            if (!InRun(pieces[i], c))
            {
                after = pieces[i].Kind == PieceKind.Break ? '\n' : pieces[i].Text[0];
                break;
            }
        }

        return (before, after);
    }

    private static bool InRun(Piece piece, char c) =>
        piece.Kind == PieceKind.Removed || (piece.Kind is PieceKind.Open or PieceKind.Close && piece.Text[0] == c);

    private static bool IsPunctuation(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

    private static bool HasTouchingRuns(List<Piece> pieces) => Touching(pieces).Any();

    private static void DropTouchingRuns(List<Piece> pieces)
    {
        foreach (var i in Touching(pieces).ToList())
        {
            pieces[i] = pieces[i] with { Kind = PieceKind.Removed };
            pieces[pieces[i].Partner] = pieces[pieces[i].Partner] with { Kind = PieceKind.Removed };
        }
    }

    // The delimiters right next to another of the same character.
    private static IEnumerable<int> Touching(List<Piece> pieces)
    {
        var previous = -1;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Kind == PieceKind.Removed)
            {
                continue;
            }

            if (previous >= 0 && IsDelimiter(pieces[i]) && IsDelimiter(pieces[previous]) && pieces[i].Text[0] == pieces[previous].Text[0])
            {
                yield return previous;
                yield return i;
            }

            previous = i;
        }
    }

    private static bool IsDelimiter(Piece piece) => piece.Kind is PieceKind.Open or PieceKind.Close;

    // Every "*" and "~" the text has is still there when the Markdown is read: none became a delimiter, no delimiter stayed text.
    private static bool ReadsBack(string markdown, SpanNode root)
    {
        var document = Markdown.Parse(markdown, MarkdownRenderer.Pipeline);
        var shown = 0;
        foreach (var inline in document.Descendants<Inline>())
        {
            shown += inline switch
            {
                LiteralInline literal => Delimiters(literal.Content.AsSpan()),
                CodeInline code => Delimiters(code.Content),
                _ => 0,
            };
        }

        return shown == Delimiters(root);
    }

    private static int Delimiters(SpanNode span) => span.Children.Sum(node => node switch
    {
        TextNode text => Delimiters(text.Text.ToString()),
        CodeNode code => Delimiters(code.Code),
        ImageNode image => Delimiters(image.Alt),
        SpanNode inner => Delimiters(inner),
        _ => 0,
    });

    private static int Delimiters(ReadOnlySpan<char> text) => text.Count('*') + text.Count('~');
}
