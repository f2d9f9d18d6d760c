using System.Buffers;
using System.Globalization;
using System.Text;
using Kumparan.Content.Articles;
using Kumparan.Content.Media;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Kumparan.Content.Rendering;

/// <summary>The result of rendering a body: blocks for ad interleaving, and plain text for search.</summary>
public sealed record RenderedBody(IReadOnlyList<BodyBlock> Blocks, string PlainText, string FirstParagraph)
{
    public TextStatistics Text => Blocks.Aggregate(default(TextStatistics), (sum, b) => sum + b.Text);

    /// <summary>What the editor should fix although the body was accepted.</summary>
    public IReadOnlyList<BodyProblem> Warnings { get; init; } = [];

    /// <summary>Why the body cannot be published (every unsafe link, not only the first); then it has no blocks.</summary>
    public IReadOnlyList<BodyProblem> Errors { get; init; } = [];

    /// <summary>The names under content/media the body refers to, shown or not.</summary>
    public IReadOnlyList<string> Pictures { get; init; } = [];
}

/// <summary>A problem in a body: line and column in the file, what is wrong, what to do.</summary>
public sealed record BodyProblem(int Line, int Column, string Problem, string Fix)
{
    public ContentError In(string file) => new(file, Line, Column, Problem, Fix);
}

/// <summary>
/// Markdown → safe HTML with one immutable, thread-safe Markdig pipeline. Raw HTML is disabled
/// (it is escaped), links and images may only use safe schemes, headings start at h2 because the
/// page owns the h1, and nesting is bounded so that no file can exhaust the stack.
/// </summary>
public static class MarkdownRenderer
{
    /// <summary>Deeper containers (quotes, lists) than this are rejected.</summary>
    public const int MaxNesting = 16;

    /// <summary>At most this many problems of one kind are reported per body: enough to fix a file in one go, not a flood.</summary>
    public const int MaxProblems = 20;

    // Built once and shared: a MarkdownPipeline is immutable and safe across threads.
    // No generic-attributes extension: it would let a file add onclick= to any element.
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    /// <param name="markdown">The body, LF line endings.</param>
    /// <param name="firstLine">Line number of the body's first line in the file, for error positions.</param>
    /// <param name="pictures">Checks the pictures of content/media the body shows and gives their variants; without it they stay plain images.</param>
    public static RenderedBody Render(string markdown, int firstLine, BodyPictures? pictures = null)
    {
        NestingGuard.Check(markdown, firstLine, MaxNesting);

        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ContentException(firstLine, 1, "The Markdown is nested too deeply to render.", "Flatten nested lists and quotes.");
        }

        CheckDepth(document, 0, firstLine);
        // One walk over the tree: unsafe links are collected (all of them, so the editor fixes the file
        // in one go), headings collected, images marked.
        var headings = new List<HeadingBlock>();
        var problems = new Problems { Source = markdown };
        Inspect(document, firstLine, headings, problems);
        if (problems.Errors.Count > 0)
        {
            return new RenderedBody([], "", "") { Errors = problems.Errors, Warnings = problems.Warnings };
        }

        foreach (var image in problems.Images)
        {
            Picture(image, firstLine, pictures, problems);
        }

        // The page's title is the only h1; the body's top heading level becomes h2 whether the writer
        // started at # or ##, so levels never skip one (screen readers navigate by them).
        var top = headings.Count == 0 ? 1 : headings.Min(h => h.Level);
        foreach (var heading in headings)
        {
            heading.Level = Math.Clamp(heading.Level - top + 2, 2, 6);
        }

        var renderers = Renderers.Rent();
        var (html, htmlRenderer, plain, textRenderer) = (renderers.Html, renderers.HtmlRenderer, renderers.Plain, renderers.TextRenderer);
        var blocks = new List<BodyBlock>(document.Count);
        var firstParagraph = "";
        foreach (var block in document)
        {
            if (block is LinkReferenceDefinitionGroup)
            {
                continue;
            }

            var textStart = plain.Length;
            textRenderer.Render(block);
            var text = plain.ToString(textStart, plain.Length - textStart);
            textRenderer.EnsureLine(); // so that the next block starts on its own line, as with a fresh renderer
            var statistics = TextStatistics.Of(text);
            var kind = KindOf(block);
            if (kind == BlockKind.Paragraph && firstParagraph.Length == 0)
            {
                firstParagraph = Collapse(text);
            }

            html.Clear();
            htmlRenderer.Render(block);
            htmlRenderer.EnsureLine();
            blocks.Add(new BodyBlock(kind, Utf8WithoutTrailingNewlines(html), statistics.Words, statistics.CjkCharacters));
            plain.Append('\n');
        }

        var result = new RenderedBody(blocks, plain.ToString(), firstParagraph) { Warnings = problems.Warnings, Pictures = problems.Pictures };
        Renderers.Return(renderers);
        return result;
    }

    // One renderer for the HTML and one for the plain text, reused block after block and file after
    // file on the same thread: setting a renderer up costs more than rendering a paragraph.
    private sealed class Renderers
    {
        [ThreadStatic]
        private static Renderers? _cached;

        // The text the renderers write (each renderer owns the writer around its builder).
        public readonly StringBuilder Html = new();
        public readonly StringBuilder Plain = new();
        public readonly HtmlRenderer HtmlRenderer;
        public readonly HtmlRenderer TextRenderer;

        private Renderers()
        {
            HtmlRenderer = new HtmlRenderer(new StringWriter(Html, CultureInfo.InvariantCulture));
            Pipeline.Setup(HtmlRenderer);
            HtmlRenderer.ObjectRenderers.Insert(0, new PictureInlineRenderer());
            TextRenderer = new HtmlRenderer(new StringWriter(Plain, CultureInfo.InvariantCulture))
            {
                EnableHtmlForBlock = false,
                EnableHtmlForInline = false,
                EnableHtmlEscape = false,
            };
            Pipeline.Setup(TextRenderer);
            TextRenderer.ObjectRenderers.Insert(0, new PictureInlineRenderer());
        }

        // Taken from the thread while in use: a render that throws never hands back half-used renderers.
        public static Renderers Rent()
        {
            var renderers = _cached ?? new Renderers();
            _cached = null;
            renderers.Html.Clear();
            renderers.Plain.Clear();
            return renderers;
        }

        public static void Return(Renderers renderers)
        {
            // Very long bodies leave big buffers behind; those are not kept.
            if (renderers.Plain.Capacity <= 256 * 1024 && renderers.Html.Capacity <= 256 * 1024)
            {
                _cached = renderers;
            }
        }
    }

    // The block's HTML as it is kept (UTF-8), straight from the renderer's buffer.
    private static byte[] Utf8WithoutTrailingNewlines(StringBuilder html)
    {
        var length = html.Length;
        while (length > 0 && html[length - 1] == '\n')
        {
            length--;
        }

        var chars = ArrayPool<char>.Shared.Rent(length);
        try
        {
            html.CopyTo(0, chars, length);
            var text = chars.AsSpan(0, length);
            var bytes = new byte[Encoding.UTF8.GetByteCount(text)];
            Encoding.UTF8.GetBytes(text, bytes);
            return bytes;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static BlockKind KindOf(Block block) => block switch
    {
        ParagraphBlock => BlockKind.Paragraph,
        HeadingBlock => BlockKind.Heading,
        ListBlock => BlockKind.List,
        QuoteBlock => BlockKind.Quote,
        CodeBlock => BlockKind.Code,
        Table => BlockKind.Table,
        _ => BlockKind.Other,
    };

    private static void CheckDepth(ContainerBlock container, int depth, int firstLine)
    {
        if (depth > MaxNesting)
        {
            throw new ContentException(firstLine + container.Line, container.Column + 1,
                $"Lists or quotes are nested more than {MaxNesting} levels deep.", "Flatten the nesting.");
        }

        foreach (var child in container)
        {
            if (child is ContainerBlock inner)
            {
                CheckDepth(inner, depth + 1, firstLine);
            }
        }
    }

    // What one walk finds: problems (at most MaxProblems of each kind) and the images.
    private sealed class Problems
    {
        public readonly List<BodyProblem> Errors = [];
        public readonly List<BodyProblem> Warnings = [];
        public readonly List<LinkInline> Images = [];
        public readonly List<string> Pictures = [];

        /// <summary>A template tag of another generator was reported already (once per body is enough).</summary>
        public bool TemplateTagSeen;

        /// <summary>The Markdown the blocks' spans point into.</summary>
        public string Source = "";

        public void Error(BodyProblem problem) => AddTo(Errors, problem);

        public void Warning(BodyProblem problem) => AddTo(Warnings, problem);

        private static void AddTo(List<BodyProblem> list, BodyProblem problem)
        {
            if (list.Count < MaxProblems)
            {
                list.Add(problem);
            }
        }
    }

    private static void Inspect(ContainerBlock container, int firstLine, List<HeadingBlock> headings, Problems problems)
    {
        foreach (var block in container)
        {
            if (block is ContainerBlock inner)
            {
                Inspect(inner, firstLine, headings, problems);
            }
            else if (block is LeafBlock leaf)
            {
                if (leaf is HeadingBlock heading)
                {
                    headings.Add(heading);
                }

                if (leaf.Inline is { } inline)
                {
                    Inspect(inline, firstLine, problems);
                }

                if (!problems.TemplateTagSeen && leaf is ParagraphBlock or HeadingBlock)
                {
                    TemplateTagWarning(leaf, firstLine, problems);
                }
            }
        }
    }

    private static void Inspect(ContainerInline container, int firstLine, Problems problems)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            var url = inline switch
            {
                LinkInline link => link.Url,
                AutolinkInline autolink => autolink.Url,
                _ => null,
            };
            if (url is not null && !SafeUrl.IsSafe(url))
            {
                problems.Error(new BodyProblem(firstLine + inline.Line, inline.Column + 1,
                    $"The link \"{Truncate(url)}\" uses a scheme that is not allowed.",
                    "Use an http, https or mailto link, or a path on this site."));
            }

            // A zero-width space or byte-order mark pasted before "https://" makes the link a path on
            // this site (the browser cannot read a scheme after it): safe, but a broken link.
            if (url is { Length: > 1 } && char.GetUnicodeCategory(url[0]) == UnicodeCategory.Format)
            {
                problems.Warning(new BodyProblem(firstLine + inline.Line, inline.Column + 1,
                    $"The link \"{Truncate(url[1..])}\" starts with an invisible character (U+{(int)url[0]:X4}), so it leads to a page of this site instead.",
                    "Delete the character before the address: retype the start of the link."));
            }

            if (inline is LinkInline { IsImage: true } image)
            {
                problems.Images.Add(image);
            }

            if (inline is ContainerInline inner)
            {
                Inspect(inner, firstLine, problems);
            }
        }
    }

    // Body images come after the headline and the lead image, below the fold: the browser may fetch
    // them late, and decode them off the main thread. A picture of content/media becomes its variants
    // with its size (no shift while it loads); one that cannot be shown is left out, with a warning.
    private static void Picture(LinkInline image, int firstLine, BodyPictures? pictures, Problems problems)
    {
        var url = image.Url ?? "";
        if (pictures is null || !url.StartsWith("/media/", StringComparison.Ordinal) || !MediaInspector.IsSafeName(url["/media/".Length..]))
        {
            var attributes = image.GetAttributes();
            attributes.AddPropertyIfNotExist("loading", "lazy");
            attributes.AddPropertyIfNotExist("decoding", "async");
            return;
        }

        var name = url["/media/".Length..];
        problems.Pictures.Add(name);
        var check = pictures.Media.Check(name);
        if (check.Image is not { } picture)
        {
            problems.Warning(new BodyProblem(firstLine + image.Line, image.Column + 1,
                $"{check.Problem} The article is published without the picture.", check.Fix!));
            var parent = image.Parent;
            image.Remove();
            // A paragraph that held only the picture goes with it.
            if (parent is { FirstChild: null, ParentBlock: ParagraphBlock { Parent: { } container } paragraph })
            {
                container.Remove(paragraph);
            }

            return;
        }

        pictures.Variants?.Want(picture);
        var alt = AltText(image);
        var source = new PictureSource(picture.Name, url, picture.Hash, picture.Width, picture.Height, picture.Graphic, alt);
        // Without its children: the alt text is in the markup's alt attribute, not again as text after the picture.
        image.ReplaceBy(new PictureInline(PictureMarkup.Html(source, pictures.Media.Options, BodyPictures.Sizes, PictureLoading.Lazy), alt), copyChildren: false);
    }

    private static string AltText(ContainerInline container)
    {
        var alt = new StringBuilder();
        foreach (var literal in container.FindDescendants<LiteralInline>())
        {
            alt.Append(literal.Content.AsSpan());
        }

        return alt.ToString();
    }

    private static string Truncate(string value) => value.Length <= 60 ? value : value[..60] + "…";

    // A folder moved in from Hugo or Jekyll: "{{< figure src=… >}}", "{{% note %}}" or "{% include x.html %}"
    // are their generators' tags, not this site's, and show as they are written. Once per body.
    private static void TemplateTagWarning(LeafBlock leaf, int firstLine, Problems problems)
    {
        var source = problems.Source;
        if (leaf.Span.Start < 0 || leaf.Span.End >= source.Length || leaf.Span.End < leaf.Span.Start)
        {
            return;
        }

        var text = source.AsSpan(leaf.Span.Start, leaf.Span.Length);
        if (!text.Contains('{'))
        {
            return; // nearly every paragraph: nothing to look for
        }

        List<SourceSpan>? code = null;
        foreach (var (open, close) in TemplateTags)
        {
            for (var start = text.IndexOf(open, StringComparison.Ordinal); start >= 0; start = Next(text, open, start))
            {
                var at = leaf.Span.Start + start;
                var length = text[(start + open.Length)..].IndexOf(close, StringComparison.Ordinal);
                code ??= leaf.Inline?.FindDescendants<CodeInline>().Select(c => c.Span).ToList() ?? [];
                if (length < 0 || text.Slice(start, open.Length + length).Contains('\n') || code.Exists(c => c.Start <= at && at <= c.End))
                {
                    continue; // not a tag, or one written as code on purpose
                }

                problems.TemplateTagSeen = true;
                var tag = source.Substring(at, open.Length + length + close.Length);
                var before = source.AsSpan(0, at);
                problems.Warning(new BodyProblem(firstLine + before.Count('\n'), at - before.LastIndexOf('\n'),
                    $"\"{Truncate(tag)}\" is a {(open.StartsWith("{{", StringComparison.Ordinal) ? "Hugo shortcode" : "Jekyll (Liquid) tag")}, shown as text: this site has none.",
                    "Write it in Markdown: a picture as ![description](/media/foto.jpg), a video or a post as a link."));
                return;
            }
        }

        static int Next(ReadOnlySpan<char> text, string open, int after)
        {
            var next = text[(after + 1)..].IndexOf(open, StringComparison.Ordinal);
            return next < 0 ? -1 : after + 1 + next;
        }
    }

    private static readonly (string Open, string Close)[] TemplateTags = [("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}")];
}

/// <summary>The pictures a body may show: checked in content/media, their variants asked for.</summary>
public sealed record BodyPictures(MediaInspector Media, VariantMaker? Variants)
{
    /// <summary>A body picture is as wide as the column (640 px), less the page's margins on a phone.</summary>
    public const string Sizes = "(min-width: 672px) 640px, calc(100vw - 2rem)";
}

/// <summary>A picture of content/media in a body: its markup made from checked values only.</summary>
internal sealed class PictureInline(string html, string alt) : LeafInline
{
    public string Html { get; } = html;

    public string Alt { get; } = alt;
}

internal sealed class PictureInlineRenderer : HtmlObjectRenderer<PictureInline>
{
    protected override void Write(HtmlRenderer renderer, PictureInline picture)
    {
        if (renderer.EnableHtmlForInline)
        {
            renderer.Write(picture.Html);
        }
        else
        {
            renderer.WriteEscape(picture.Alt);
        }
    }
}
