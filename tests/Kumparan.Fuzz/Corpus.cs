namespace Kumparan.Fuzz;

/// <summary>The seed corpus: the seed article and the SPEC section 11 inputs, in corpus/ beside the harness.</summary>
public static class Corpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "corpus");

    public static List<(string Name, byte[] Bytes)> Load() =>
        Directory.EnumerateFiles(Folder).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
}
