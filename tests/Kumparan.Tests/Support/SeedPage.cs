namespace Kumparan.Tests.Support;

/// <summary>The reference page (text of the real kumparan article page), read from the fixture copy of shared/seeds.</summary>
public static class SeedPage
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seed-page.txt"));

    public static string Title => Lines[3];

    /// <summary>The body as the seed shows it: paragraphs and "ADVERTISEMENT" lines, in order, after the date line.</summary>
    public static IReadOnlyList<string> BodyLines =>
        ["ADVERTISEMENT", .. Lines.Skip(7).Where(l => l.Trim().Length > 0)];

    public static IReadOnlyList<string> Paragraphs => BodyLines.Where(l => l != "ADVERTISEMENT").ToList();
}
