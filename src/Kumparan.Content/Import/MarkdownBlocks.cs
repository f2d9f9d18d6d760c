using System.Globalization;
using System.Text;

namespace Kumparan.Content.Import;

internal enum BlockType
{
    Paragraph,
    Heading,
    Quote,
    List,
    Code,
    Break,
    Table,
}

/// <summary>One block's Markdown; a list keeps its marker, so that a list right after it takes the other one.</summary>
/// <param name="Interrupts">A list that may follow a paragraph line directly: a bullet list, or one numbered from 1.</param>
internal readonly record struct Block(string Text, BlockType Type, char Marker = '\0', bool Interrupts = false);

/// <summary>Where blocks go while the post is walked: the body, a quote, a list item.</summary>
internal class BlockContainer
{
    public List<Block> Blocks { get; } = [];

    /// <summary>The body's Markdown: blocks separated by exactly one blank line.</summary>
    public static string Join(IEnumerable<Block> blocks) => string.Join("\n\n", blocks.Select(b => b.Text));
}

internal sealed class QuoteContainer : BlockContainer
{
    public Block? Render() =>
        Blocks.Count == 0 ? null : new Block(Prefix(Join(Blocks), "> ", "> "), BlockType.Quote);

    /// <summary>Puts <paramref name="first"/> before the first line and <paramref name="rest"/> before the others; a blank line gets only what is not space.</summary>
    public static string Prefix(string text, string first, string rest)
    {
        var output = new StringBuilder(text.Length + 16);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                output.Append('\n');
            }

            var prefix = i == 0 ? first : rest;
            output.Append(lines[i].Length == 0 ? prefix.TrimEnd() : prefix + lines[i]);
        }

        return output.ToString();
    }
}

/// <summary>A list item; an implicit one holds what an HTML list has outside its &lt;li&gt; elements.</summary>
internal sealed class ItemContainer(bool isImplicit) : BlockContainer
{
    public bool Implicit { get; } = isImplicit;
}

internal sealed class ListContainer(bool ordered, int start) : BlockContainer
{
    public List<ItemContainer> Items { get; } = [];

    /// <param name="previous">The block before the list: a list with the same marker would merge with this one.</param>
    public Block? Render(Block? previous)
    {
        var items = Items.Where(i => i.Blocks.Count > 0).ToList();
        if (items.Count == 0)
        {
            return null;
        }

        var (marker, other) = ordered ? ('.', ')') : ('-', '*');
        if (previous is { Type: BlockType.List } before && before.Marker == marker)
        {
            marker = other;
        }

        var loose = !items.All(IsTight);
        var output = new StringBuilder();
        var number = start;
        foreach (var item in items)
        {
            if (output.Length > 0)
            {
                output.Append(loose ? "\n\n" : "\n");
            }

            var label = ordered ? number.ToString(CultureInfo.InvariantCulture) + marker : marker.ToString();
            number++;
            var body = string.Join(loose ? "\n\n" : "\n", item.Blocks.Select(b => b.Text));
            // "- ---" would be one thematic break, not an item holding one.
            if (item.Blocks[0].Type == BlockType.Break)
            {
                body = "***" + body[3..];
            }

            output.Append(QuoteContainer.Prefix(body, label + " ", new string(' ', label.Length + 1)));
        }

        return new Block(output.ToString(), BlockType.List, marker, !ordered || start == 1);
    }

    // Without blank lines an item may only hold a paragraph followed by a list that can interrupt
    // it; anything else would run into the paragraph (lazy continuation) or merge with it, and
    // lines with "|" next to each other may be read as one table.
    private static bool IsTight(ItemContainer item)
    {
        for (var i = 1; i < item.Blocks.Count; i++)
        {
            if (item.Blocks[i - 1].Type != BlockType.Paragraph || item.Blocks[i] is not { Type: BlockType.List, Interrupts: true }
                || item.Blocks[i - 1].Text.Contains('|', StringComparison.Ordinal) || item.Blocks[i].Text.Contains('|', StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A table's rows of cell Markdown, with merged cells spread out so that the columns still line up.</summary>
internal sealed class TableContainer : BlockContainer
{
    private const int MaxSpan = 100;

    private readonly List<List<string>> _rows = [];
    private readonly Dictionary<int, int> _rowsBelow = [];
    private int _headerRow = -1;

    public string Caption { get; set; } = "";

    public bool HasRow => _rows.Count > 0;

    public void StartRow(bool header)
    {
        if (header && _headerRow < 0)
        {
            _headerRow = _rows.Count;
        }

        _rows.Add([]);
        FillSpannedColumns();
    }

    /// <returns>Whether the cell spanned more than one row or column.</returns>
    public bool AddCell(string markdown, int columns, int rows)
    {
        if (_rows.Count == 0)
        {
            StartRow(header: false);
        }

        var row = _rows[^1];
        columns = Math.Clamp(columns, 1, MaxSpan);
        rows = Math.Clamp(rows, 1, MaxSpan);
        for (var i = 0; i < columns; i++)
        {
            if (rows > 1)
            {
                _rowsBelow[row.Count] = rows - 1;
            }

            row.Add(i == 0 ? markdown : "");
            FillSpannedColumns();
        }

        return columns > 1 || rows > 1;
    }

    public Block? Render()
    {
        if (_rows.Count == 0)
        {
            return null;
        }

        var header = _headerRow < 0 ? 0 : _headerRow;
        var columns = _rows.Max(r => r.Count);
        if (columns == 0)
        {
            return null;
        }

        var output = new StringBuilder();
        Row(output, _rows[header], columns);
        output.Append('\n');
        Row(output, Enumerable.Repeat("---", columns).ToList(), columns);
        for (var i = 0; i < _rows.Count; i++)
        {
            if (i != header)
            {
                output.Append('\n');
                Row(output, _rows[i], columns);
            }
        }

        return new Block(output.ToString(), BlockType.Table);
    }

    private static void Row(StringBuilder output, List<string> cells, int columns)
    {
        output.Append('|');
        for (var i = 0; i < columns; i++)
        {
            output.Append(' ').Append(i < cells.Count ? cells[i] : "").Append(" |");
        }
    }

    // A cell of an earlier row that spans down takes its column in this row: an empty cell keeps the place.
    private void FillSpannedColumns()
    {
        var row = _rows[^1];
        while (_rowsBelow.TryGetValue(row.Count, out var left) && left > 0)
        {
            _rowsBelow[row.Count] = left - 1;
            row.Add("");
        }
    }
}
