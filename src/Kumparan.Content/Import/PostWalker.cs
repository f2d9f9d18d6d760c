using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Kumparan.Content.Import;

/// <summary>What each element of a post means in Markdown: calls on a <see cref="MarkdownBuilder"/> as the DOM is walked.</summary>
internal sealed partial class PostWalker(MarkdownBuilder builder, WebAddresses addresses, ConversionWarnings warnings, HtmlParser parser)
{
    // Elements that never reach a reader of the Markdown: active content, forms' controls, metadata.
    private static readonly HashSet<string> Dropped =
    [
        "script", "style", "noscript", "template", "svg", "math", "canvas", "link", "meta", "base", "title",
        "frame", "frameset", "noframes", "noembed", "applet", "portal", "dialog",
        "input", "button", "select", "textarea", "label", "option", "optgroup", "datalist", "output", "progress", "meter",
    ];

    // Elements with nothing to show on their own.
    private static readonly HashSet<string> Empty = ["area", "source", "track", "param", "wbr", "col", "colgroup"];

    private static readonly HashSet<string> BlockElements =
    [
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "address", "center", "search",
        "details", "summary", "dl", "dt", "dd", "fieldset", "legend", "hgroup", "figure", "figcaption",
        "blockquote", "ul", "ol", "menu", "li", "table", "tr", "td", "th", "caption", "pre", "hr", "form",
        "h1", "h2", "h3", "h4", "h5", "h6",
    ];

    private readonly Stack<Exit> _exits = new();

    private enum Exit
    {
        None,
        Boundary,
        Span,
        Caption,
        Quote,
        List,
        Item,
        Heading,
        Table,
        Cell,
        Quotation,
    }

    public static bool IsDropped(string element) => Dropped.Contains(element);

    public static bool IsBlock(string element) => BlockElements.Contains(element);

    public void Walk(INode node) => DomWalk.Walk(node, Enter, Leave);

    private bool Enter(INode node)
    {
        switch (node)
        {
            case IText text:
                builder.Text(text.Data);
                return false;
            case IElement element when Element(element) is { } exit:
                _exits.Push(exit);
                return true;
            default:
                return false;
        }
    }

    private void Leave(INode node)
    {
        switch (_exits.Pop())
        {
            case Exit.Boundary:
                builder.Boundary();
                break;
            case Exit.Span:
                builder.CloseSpan();
                break;
            case Exit.Caption:
                builder.CloseSpan();
                builder.Boundary();
                break;
            case Exit.Quote:
                builder.CloseQuote();
                break;
            case Exit.List:
                builder.CloseList();
                break;
            case Exit.Item:
                builder.CloseItem();
                break;
            case Exit.Heading:
                builder.CloseHeading();
                break;
            case Exit.Table:
                builder.CloseTable();
                break;
            case Exit.Cell:
                builder.CloseCell();
                break;
            case Exit.Quotation:
                builder.Text("”");
                break;
        }
    }

    // What to do when the element's children are done, or null when they are not to be visited.
    private Exit? Element(IElement element)
    {
        var name = element.LocalName;
        switch (name)
        {
            case "br":
                builder.Break();
                return null;
            case "hr":
                builder.ThematicBreak();
                return null;
            case "img":
                Image(element);
                return null;
            case "iframe" or "embed" or "object" or "video" or "audio":
                Embed(element);
                return null;
            case "pre":
                builder.CodeBlock(TextOf(element, "\n"), Language(element));
                return null;
            case "code":
                builder.Code(TextOf(element, " "));
                return null;
            case "form":
                warnings.Form();
                builder.Boundary();
                return null;
            case "strong" or "b":
                return Span(SpanKind.Strong);
            case "em" or "i":
                return Span(SpanKind.Emphasis);
            case "del" or "s" or "strike":
                return Span(SpanKind.Strike);
            case "a":
                return Anchor(element);
            case "q":
                builder.Text("“");
                return Exit.Quotation;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                return builder.OpenHeading(name[1] - '0') ? Exit.Heading : Exit.Boundary;
            case "blockquote":
                return builder.OpenQuote() ? Exit.Quote : Exit.Boundary;
            case "ul" or "ol" or "menu":
                return builder.OpenList(name == "ol", name == "ol" ? Number(element, "start", 1, 0, 99_999_999) : 1) ? Exit.List : Exit.Boundary;
            case "li":
                return builder.OpenItem() ? Exit.Item : Exit.Boundary;
            case "table":
                return builder.OpenTable() ? Exit.Table : Exit.Boundary;
            case "tr":
                return builder.OpenRow(element.ParentElement?.LocalName == "thead") ? Exit.None : Exit.Boundary;
            case "td" or "th":
                return builder.OpenCell(Number(element, "colspan", 1, 1, 1000), Number(element, "rowspan", 1, 1, 1000)) ? Exit.Cell : Exit.Boundary;
            case "caption":
                return builder.OpenCell(0, 1) ? Exit.Cell : Exit.Boundary;
            case "figcaption":
                builder.Boundary();
                return builder.OpenSpan(SpanKind.Emphasis) ? Exit.Caption : Exit.Boundary;
            case Shortcodes.ElementName:
                return Shortcode(element);
            case "div" when element.ClassList.Contains("wp-block-embed__wrapper") && element.FirstElementChild is null:
                // A block-editor embed keeps its address as the wrapper's text.
                var url = addresses.Media(element.TextContent.Trim());
                warnings.Embed("embed block", url);
                EmbedLink(url);
                return null;
        }

        if (Dropped.Contains(name))
        {
            warnings.Element(name);
            return null;
        }

        if (Empty.Contains(name))
        {
            return null;
        }

        if (BlockElements.Contains(name))
        {
            builder.Boundary();
            return Exit.Boundary;
        }

        return Exit.None;
    }

    private Exit Span(SpanKind kind) => builder.OpenSpan(kind) ? Exit.Span : Exit.None;

    // The text of a code element; markup inside it (highlighting spans) adds nothing.
    private string TextOf(IElement element, string lineBreak)
    {
        var text = new StringBuilder();
        DomWalk.Walk(element, node =>
        {
            switch (node)
            {
                case IText t:
                    text.Append(t.Data);
                    return false;
                case IElement { LocalName: "br" }:
                    text.Append(lineBreak);
                    return false;
                case IElement e when Dropped.Contains(e.LocalName):
                    warnings.Element(e.LocalName);
                    return false;
                default:
                    return true;
            }
        }, _ => { });
        return text.ToString();
    }

    // "language-php" on <pre> or its <code> (the block editor, Prism, highlight.js).
    private static string Language(IElement pre)
    {
        foreach (var element in new[] { pre, pre.FirstElementChild })
        {
            foreach (var name in element?.ClassList ?? Enumerable.Empty<string>())
            {
                var prefix = name.StartsWith("language-", StringComparison.Ordinal) ? 9 : name.StartsWith("lang-", StringComparison.Ordinal) ? 5 : 0;
                var language = new string(name.Skip(prefix).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '#').Take(30).ToArray());
                if (prefix > 0 && language.Length > 0)
                {
                    return language;
                }
            }
        }

        return "";
    }

    private static int Number(IElement element, string attribute, int fallback, int min, int max) =>
        int.TryParse(element.GetAttribute(attribute), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, min, max)
            : fallback;
}
