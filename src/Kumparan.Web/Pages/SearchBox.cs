namespace Kumparan.Web.Pages;

/// <summary>
/// A search form (plain GET to /search, works without script); each one on a page has its own id and,
/// because a page may show two, its own landmark name.
/// </summary>
public sealed record SearchBox(string Id, string? Query = null, string CssClass = "", string Label = "Cari berita");
