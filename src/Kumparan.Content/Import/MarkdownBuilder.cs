using System.Buffers;

namespace Kumparan.Content.Import;

/// <summary>
/// Builds a post's Markdown from what a walk over its HTML meets in document order: text, line
/// breaks, spans opening and closing, and blocks. Inline content collects into a paragraph until a
/// block boundary. White space collapses as a browser collapses it; in classic-editor content a
/// blank line starts a paragraph and a single line break is a hard break, as WordPress's wpautop
/// makes them when it shows the post.
/// </summary>
/// <param name="classic">Content of the classic editor, where line breaks in the text mean something.</param>
/// <param name="maxLevels">How many quotes and lists may nest; deeper ones are flattened.</param>
internal sealed partial class MarkdownBuilder(bool classic, int maxLevels, ConversionWarnings warnings)
{
    // HTML's white space, and the no-break space that posts use as spacers: both collapse to one space.
    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create(" \t\n\r\f\u00A0");

    private readonly List<BlockContainer> _containers = [new BlockContainer()];
    private readonly List<Opened> _open = [];
    private SpanNode? _paragraph;
    private bool _space;
    private int _newlines;
    private int _breaks;

    // Inside a heading, a table cell or a table caption the content is one line: blocks and breaks become spaces.
    private int _flat;
    private int _levels;

    // Containers as Markdig counts them (a quote 1, a list and its item 2, a table with its rows and cells 3): the site rejects more than MaxNesting.
    private int _depth;
    private int _headingLevel;
    private (int Columns, int Rows) _cell;

    // A span the HTML has opened; its node in the current paragraph is made when content arrives in it,
    // so that spans never hold only white space, and a span reopens in the next paragraph.
    private sealed class Opened(SpanKind kind, string? url)
    {
        public SpanKind Kind { get; } = kind;

        public string? Url { get; } = url;

        public SpanNode? Node { get; set; }
    }

    public void Text(string text)
    {
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var space = rest.IndexOfAny(WhiteSpace);
            if (space == 0)
            {
                _space = true;
                _newlines += rest[0] == '\n' ? 1 : 0;
                rest = rest[1..];
                continue;
            }

            var run = space < 0 ? rest : rest[..space];
            BeforeContent();
            Trailing(Deepest()).Append(run);
            rest = rest[run.Length..];
        }
    }

    /// <summary>A &lt;br&gt;: a hard line break before the next content; two in a row end the paragraph.</summary>
    public void Break() => _breaks++;

    /// <summary>Where a block element starts or ends.</summary>
    public void Boundary()
    {
        if (_flat > 0)
        {
            _space = true;
        }
        else
        {
            FlushParagraph();
        }
    }

    /// <returns>False when a span of the kind is already open (it adds nothing) or a link is (links do not nest).</returns>
    public bool OpenSpan(SpanKind kind, string? url = null)
    {
        if (_open.Exists(o => o.Kind == kind))
        {
            return false;
        }

        _open.Add(new Opened(kind, url));
        return true;
    }

    public void CloseSpan() => _open.RemoveAt(_open.Count - 1);

    public void Link(string url, string text)
    {
        var opened = OpenSpan(SpanKind.Link, url);
        Text(text);
        if (opened)
        {
            CloseSpan();
        }
    }

    public void Image(string alt, string url)
    {
        BeforeContent();
        Deepest().Children.Add(new ImageNode(alt, url));
    }

    public void Code(string code)
    {
        // White space at the code's ends separates it from the words around it, like any other.
        _space |= code.Length > 0 && WhiteSpace.Contains(code[0]);
        var collapsed = MarkdownText.Collapse(code);
        if (collapsed.Length > 0)
        {
            BeforeContent();
            Deepest().Children.Add(new CodeNode(collapsed));
        }

        _space |= code.Length > 0 && WhiteSpace.Contains(code[^1]);
    }

    // Resolves the white space and breaks met since the last content: nothing at a paragraph's
    // start, else a new paragraph, a hard break or a space; then makes the open spans' nodes.
    private void BeforeContent()
    {
        if (_paragraph is null)
        {
            EnsureItem();
            _paragraph = new SpanNode(SpanKind.Paragraph, null);
        }
        else if (_space || _breaks > 0)
        {
            if (_flat == 0 && (_breaks >= 2 || (classic && _newlines >= 2)))
            {
                FlushParagraph();
                EnsureItem();
                _paragraph = new SpanNode(SpanKind.Paragraph, null);
            }
            else if (_flat == 0 && (_breaks == 1 || (classic && _newlines == 1)))
            {
                MadeDeepest().Children.Add(LineBreakNode.Instance);
            }
            else
            {
                Trailing(MadeDeepest()).Append(' ');
            }
        }

        ClearPending();
        var parent = _paragraph;
        foreach (var open in _open)
        {
            if (open.Node is null)
            {
                // "<b>a</b><b>b</b>" is one span: "**a****b**" would not read back.
                if (parent.Children is [.., SpanNode last] && last.Kind == open.Kind && last.Url == open.Url)
                {
                    open.Node = last;
                }
                else
                {
                    open.Node = new SpanNode(open.Kind, open.Url);
                    parent.Children.Add(open.Node);
                }
            }

            parent = open.Node;
        }
    }

    private SpanNode Deepest() => _open.Count > 0 ? _open[^1].Node! : _paragraph!;

    private SpanNode MadeDeepest()
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            if (_open[i].Node is { } node)
            {
                return node;
            }
        }

        return _paragraph!;
    }

    private static System.Text.StringBuilder Trailing(SpanNode span)
    {
        if (span.Children is [.., TextNode text])
        {
            return text.Text;
        }

        var added = new TextNode();
        span.Children.Add(added);
        return added.Text;
    }

    private void FlushParagraph()
    {
        if (_paragraph is null)
        {
            ClearPending();
            return;
        }

        var markdown = InlineMarkdown.Write(_paragraph, InlinePlace.Paragraph);
        ResetParagraph();
        if (markdown.Length > 0)
        {
            AddBlock(new Block(markdown, BlockType.Paragraph));
        }
    }

    private string TakeLine(InlinePlace place)
    {
        var text = _paragraph is null ? "" : InlineMarkdown.Write(_paragraph, place);
        ResetParagraph();
        return text;
    }

    private void ResetParagraph()
    {
        _paragraph = null;
        foreach (var open in _open)
        {
            open.Node = null;
        }

        ClearPending();
    }

    private void ClearPending()
    {
        _space = false;
        _newlines = 0;
        _breaks = 0;
    }

    private void AddBlock(Block block)
    {
        EnsureItem();
        _containers[^1].Blocks.Add(block);
    }

    // Content directly inside a list (not in an item) goes into an item of its own.
    private void EnsureItem()
    {
        if (_containers[^1] is ListContainer list)
        {
            var item = new ItemContainer(isImplicit: true);
            list.Items.Add(item);
            _containers.Add(item);
        }
    }
}
