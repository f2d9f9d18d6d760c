namespace Kumparan.Web.Pages;

/// <summary>A search form (plain GET to /search, works without script); each one on a page has its own id.</summary>
public sealed record SearchBox(string Id, string? Query = null, string CssClass = "");
