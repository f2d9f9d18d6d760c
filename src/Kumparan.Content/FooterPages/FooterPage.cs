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
            // As for articles: the front matter's and the body's problems are reported together.
            var problems = new List<ContentError>();
            var fields = ArticleParser.Checked(file, problems, () => new FrontMatterFields(FrontMatterReader.Read(parts), file));
            var title = fields?.Text("title", required: true, maxLength: 200);
            var summary = fields?.Text("summary", maxLength: 500);
            var slug = Path.GetFileNameWithoutExtension(file);
            if (!Slug.IsValid(slug))
            {
                problems.Add(new ContentError(file, 1, 1, $"The file name \"{slug}\" is not a valid page path.", "Use lowercase a-z, 0-9 and dashes."));
            }

            var body = ArticleParser.Checked(file, problems, () => MarkdownRenderer.Render(parts.Body, parts.BodyLine));
            problems.AddRange(body?.Errors.Select(e => e.In(file)) ?? []);
            problems.AddRange(fields?.Errors ?? []);
            if (problems.Count > 0 || body is null)
            {
                return (null, ContentError.InFileOrder(problems));
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
