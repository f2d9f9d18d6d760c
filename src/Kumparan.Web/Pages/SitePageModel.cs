using Kumparan.Content.Publishing;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kumparan.Web.Pages;

/// <summary>What the layout needs to know about a page for its head.</summary>
public sealed record PageHead(string Title, string Description, string? CanonicalPath, bool NoIndex = false);

/// <summary>Base of every page: the snapshot it reads (taken once per request), site facts, and its head.</summary>
public abstract class SitePageModel(ContentIndex index, SiteInfo site) : PageModel
{
    public ContentSnapshot Snapshot { get; } = index.Current;

    public SiteInfo Site => site;

    public PageHead Head { get; protected set; } = new("kumparan", "", null);

    /// <summary>The channel the page belongs to, highlighted in the navigation.</summary>
    public string? CurrentChannel { get; protected set; }
}
