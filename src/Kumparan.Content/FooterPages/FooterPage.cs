using Kumparan.Content.Articles;
using Kumparan.Content.Rendering;

namespace Kumparan.Content.FooterPages;

/// <summary>A footer page (Tentang Kami, Pedoman Media Siber, ...) from content/pages/{slug}.md.</summary>
public sealed record FooterPage(string Slug, string Title, string Summary, string Html, string SourcePath);

public static class FooterPageParser
{
    public static (FooterPage? Page, IReadOnlyList<ContentError> Errors) Parse(string file, ReadOnlySpan<byte> bytes, KumparanOptions options)
    {
        if (bytes.Length > options.MaxFileBytes)
        {
            return (null, [new ContentError(file, 1, 1, $"The file is over the limit of {options.MaxFileBytes:N0} bytes.", "Shorten it.")]);
        }

        try
        {
            var parts = SourceText.Split(SourceText.Decode(bytes));
            var fields = new FrontMatterFields(FrontMatterReader.Read(parts.FrontMatter, parts.FrontMatterLine), file);
            var title = fields.Text("title", required: true, maxLength: 200);
            var summary = fields.Text("summary", maxLength: 500);
            var slug = Path.GetFileNameWithoutExtension(file);
            if (!Slug.IsValid(slug))
            {
                fields.Error(null, $"The file name \"{slug}\" is not a valid page path.", "Use lowercase a-z, 0-9 and dashes.");
            }

            var body = MarkdownRenderer.Render(parts.Body, parts.BodyLine);
            if (fields.Errors.Count > 0)
            {
                return (null, fields.Errors);
            }

            var html = string.Concat(body.Blocks.Select(b => b.Html + "\n"));
            return (new FooterPage(slug, title!, summary ?? body.FirstParagraph, html, file), []);
        }
        catch (ContentException e)
        {
            return (null, [e.ToError(file)]);
        }
    }
}
