using Kumparan.Content.Search;
using Microsoft.AspNetCore.Html;

namespace Kumparan.Web.Pages.Search;

/// <summary>
/// Snippet parts as HTML: every part's text is HTML-encoded, and only the &lt;mark&gt; tags around
/// matched parts are written by us. Nothing from the article is ever written raw.
/// </summary>
public static class MarkedText
{
    public static IHtmlContent Render(IReadOnlyList<SnippetPart> parts)
    {
        var html = new HtmlContentBuilder(parts.Count * 3);
        foreach (var part in parts)
        {
            if (part.Marked)
            {
                html.AppendHtml("<mark>").Append(part.Text).AppendHtml("</mark>");
            }
            else
            {
                html.Append(part.Text);
            }
        }

        return html;
    }
}
