using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Kumparan.Content.Import;
using Kumparan.Content.Rendering;

namespace Kumparan.Tests.Import;

/// <summary>A post converted to Markdown and shown as the site shows it: rendered by its pipeline, read as a browser reads it.</summary>
internal sealed record ShownPost(HtmlConversion Conversion, IDocument Page)
{
    public static readonly Uri Site = new("https://berita.example.com/");

    public static ShownPost Of(string html, HtmlConversionOptions? options = null) =>
        Render(new HtmlToMarkdown(options ?? new HtmlConversionOptions { SiteUrl = Site }).Convert(html));

    public static ShownPost Render(HtmlConversion conversion)
    {
        var body = MarkdownRenderer.Render(conversion.Markdown, 1);
        Assert.Empty(body.Errors);
        var html = string.Join("\n", body.Blocks.Select(b => b.Html));
        return new(conversion, new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>"));
    }

    public string Markdown => Conversion.Markdown;

    public IReadOnlyList<string> Warnings => Conversion.Warnings;

    /// <summary>The body's text as a reader sees it, white space collapsed.</summary>
    public string Text => Collapse(Page.Body!.TextContent);

    public IReadOnlyList<IElement> All(string selector) => Page.Body!.QuerySelectorAll(selector).ToList();

    public IElement One(string selector) => Assert.Single(Page.Body!.QuerySelectorAll(selector));

    public IReadOnlyList<string> Texts(string selector) => All(selector).Select(e => Collapse(e.TextContent)).ToList();

    /// <summary>The top-level elements of the body, by name: "p", "h2", "ul", …</summary>
    public IReadOnlyList<string> Blocks => Page.Body!.Children.Select(e => e.LocalName).ToList();

    public static string Collapse(string text) =>
        string.Join(' ', text.Split([' ', '\t', '\n', '\r', '\f', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
}
