using System.Text;

namespace Kumparan.Content.Import;

internal enum SpanKind
{
    Paragraph,
    Strong,
    Emphasis,
    Strike,
    Link,
}

/// <summary>Where inline Markdown goes: a paragraph's lines could start blocks, a heading is one line, a cell ends at "|".</summary>
internal enum InlinePlace
{
    Paragraph,
    Heading,
    Cell,
}

internal abstract class InlineNode;

internal sealed class TextNode : InlineNode
{
    public StringBuilder Text { get; } = new();
}

internal sealed class LineBreakNode : InlineNode
{
    public static readonly LineBreakNode Instance = new();
}

internal sealed class CodeNode(string code) : InlineNode
{
    public string Code { get; } = code;
}

internal sealed class ImageNode(string alt, string url) : InlineNode
{
    public string Alt { get; } = alt;

    public string Url { get; } = url;
}

internal sealed class SpanNode(SpanKind kind, string? url) : InlineNode
{
    public SpanKind Kind { get; } = kind;

    public string? Url { get; } = url;

    public List<InlineNode> Children { get; } = [];
}
