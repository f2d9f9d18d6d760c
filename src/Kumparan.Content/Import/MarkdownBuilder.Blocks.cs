using Kumparan.Content.Rendering;

namespace Kumparan.Content.Import;

/// <summary>The blocks: code, breaks, quotes, lists, headings and tables, and the containers they nest in.</summary>
internal sealed partial class MarkdownBuilder
{
    public void CodeBlock(string code, string language)
    {
        if (_flat > 0)
        {
            Code(code);
            return;
        }

        FlushParagraph();
        var lines = code.Replace('\u00A0', ' ').Split('\n').Select(l => l.TrimEnd()).SkipWhile(l => l.Length == 0).Reverse().SkipWhile(l => l.Length == 0).Reverse();
        var text = string.Join('\n', lines);
        if (text.Length > 0)
        {
            AddBlock(new Block(MarkdownText.Fence(text, language), BlockType.Code));
        }
    }

    public void ThematicBreak()
    {
        Boundary();
        if (_flat == 0)
        {
            AddBlock(new Block("---", BlockType.Break));
        }
    }

    public bool OpenQuote()
    {
        if (!CanNest(1))
        {
            return false;
        }

        _containers.Add(new QuoteContainer());
        _levels++;
        _depth += 1;
        return true;
    }

    public void CloseQuote()
    {
        FlushParagraph();
        var quote = (QuoteContainer)Pop();
        _levels--;
        _depth -= 1;
        if (quote.Render() is { } block)
        {
            AddBlock(block);
        }
    }

    public bool OpenList(bool ordered, int start)
    {
        if (!CanNest(2))
        {
            return false;
        }

        _containers.Add(new ListContainer(ordered, start));
        _levels++;
        _depth += 2;
        return true;
    }

    public void CloseList()
    {
        FlushParagraph();
        CloseImplicitItem();
        var list = (ListContainer)Pop();
        _levels--;
        _depth -= 2;
        EnsureItem();
        var target = _containers[^1].Blocks;
        if (list.Render(target.Count > 0 ? target[^1] : null) is { } block)
        {
            target.Add(block);
        }
    }

    /// <returns>False outside a list (a stray &lt;li&gt; is a block like a &lt;div&gt;).</returns>
    public bool OpenItem()
    {
        Boundary();
        CloseImplicitItem();
        if (_flat > 0 || _containers[^1] is not ListContainer list)
        {
            return false;
        }

        var item = new ItemContainer(isImplicit: false);
        list.Items.Add(item);
        _containers.Add(item);
        return true;
    }

    public void CloseItem()
    {
        FlushParagraph();
        Pop();
    }

    public bool OpenHeading(int level)
    {
        Boundary();
        if (_flat > 0)
        {
            return false;
        }

        _flat++;
        _headingLevel = level;
        return true;
    }

    public void CloseHeading()
    {
        var text = TakeLine(InlinePlace.Heading);
        _flat--;
        if (text.Length > 0)
        {
            AddBlock(new Block(new string('#', _headingLevel) + " " + text, BlockType.Heading));
        }
    }

    public bool OpenTable()
    {
        Boundary();
        if (_flat > 0 || _depth + 3 > MarkdownRenderer.MaxNesting)
        {
            warnings.NestedTable();
            return false;
        }

        _containers.Add(new TableContainer());
        _depth += 3;
        return true;
    }

    public void CloseTable()
    {
        FlushParagraph();
        var table = (TableContainer)Pop();
        _depth -= 3;
        if (table.Caption.Length > 0)
        {
            AddBlock(new Block(table.Caption, BlockType.Paragraph));
        }

        if (table.Render() is { } block)
        {
            AddBlock(block);
        }

        // What a table held outside its cells (the HTML parser moves such content out; this is for the rest).
        table.Blocks.ForEach(AddBlock);
    }

    public bool OpenRow(bool header)
    {
        Boundary();
        if (_flat > 0 || _containers[^1] is not TableContainer table)
        {
            return false;
        }

        table.StartRow(header);
        return true;
    }

    /// <summary>A table cell, or the table's caption (<paramref name="columns"/> 0).</summary>
    public bool OpenCell(int columns, int rows)
    {
        Boundary();
        if (_flat > 0 || _containers[^1] is not TableContainer)
        {
            return false;
        }

        _flat++;
        _cell = (columns, rows);
        return true;
    }

    public void CloseCell()
    {
        var table = (TableContainer)_containers[^1];
        var text = TakeLine(_cell.Columns == 0 ? InlinePlace.Paragraph : InlinePlace.Cell);
        _flat--;
        if (_cell.Columns == 0)
        {
            table.Caption = text;
        }
        else if (table.AddCell(text, _cell.Columns, _cell.Rows))
        {
            warnings.MergedCells();
        }
    }

    /// <summary>The Markdown of everything built: blocks separated by one blank line, no blank line before or after.</summary>
    public string Finish()
    {
        FlushParagraph();
        while (_containers.Count > 1)
        {
            switch (_containers[^1])
            {
                case QuoteContainer:
                    CloseQuote();
                    break;
                case ListContainer:
                    CloseList();
                    break;
                case TableContainer:
                    CloseTable();
                    break;
                default:
                    CloseItem();
                    break;
            }
        }

        return BlockContainer.Join(_containers[0].Blocks);
    }

    private bool CanNest(int depth)
    {
        Boundary();
        if (_flat > 0)
        {
            return false;
        }

        if (_levels >= maxLevels || _depth + depth > MarkdownRenderer.MaxNesting)
        {
            warnings.Nesting(maxLevels);
            return false;
        }

        return true;
    }

    private void CloseImplicitItem()
    {
        if (_containers[^1] is ItemContainer { Implicit: true })
        {
            FlushParagraph();
            Pop();
        }
    }

    private BlockContainer Pop()
    {
        var top = _containers[^1];
        _containers.RemoveAt(_containers.Count - 1);
        return top;
    }
}
