using System.Globalization;

namespace Kumparan.Tests.Support;

/// <summary>
/// A content folder for the search-engine tests, dated around one moment: articles inside and outside
/// the news window, a hostile title, a sponsored one, and the kinds that must never be listed.
/// </summary>
public static class SeoContent
{
    public const string BaseUrl = "https://kumparan.example";

    /// <summary>10:00 WIB on 27 November 2026.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7));

    /// <summary>Quotes, a script break-out, an HTML comment opener, an ampersand and U+2028.</summary>
    public const string HostileTitle = "Awas \"kutip\" & 'apostrof' </script><script>alert(1)</script> <!-- komentar \u2028 baris";

    public const string HostileSummary = "Ringkasan \"berbahaya\" </script><script>alert(1)</script> & <!-- \u2029 selesai";

    public const string HostilePath = "/kumparannews/judul-berbahaya-" + "HOSTILE1";

    public const string InWindowPath = "/kumparanbisnis/harga-beras-naik-" + "WINDOW47";

    public const string OutOfWindowPath = "/kumparanbisnis/ekspor-kopi-tumbuh-" + "WINDOW49";

    public const string SponsoredPath = "/kumparanbisnis/tabungan-pendidikan-" + "SPONSOR1";

    public const string DraftPath = "/kumparannews/draf-" + "DRAFT001";

    public const string FuturePath = "/kumparannews/terjadwal-" + "FUTURE01";

    public const string ExpiredPath = "/kumparannews/kedaluwarsa-" + "EXPIRED1";

    public const string RetractedPath = "/kumparannews/dicabut-" + "RETRACT1";

    /// <summary>Every article that may be listed (sitemaps, feeds), newest first.</summary>
    public static readonly string[] Listed = [HostilePath, SponsoredPath, InWindowPath, OutOfWindowPath];

    public static readonly string[] NeverListed = [DraftPath, FuturePath, ExpiredPath, RetractedPath];

    public const string MediaFile = "banjir-rob-pesisir.jpg";

    public static TempFolder Create()
    {
        var folder = new TempFolder();
        Write(folder);
        return folder;
    }

    public static void Write(TempFolder folder)
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, "media"));
        File.Copy(Path.Combine(Repository.Content, "media", MediaFile), Path.Combine(folder.Path, "media", MediaFile));
        foreach (var page in Directory.EnumerateFiles(Path.Combine(Repository.Content, "pages"), "*.md"))
        {
            folder.Write(Path.Combine("pages", Path.GetFileName(page)), File.ReadAllText(page));
        }

        Article(folder, "kumparannews/judul-berbahaya.md", $"""
            title: "{Yaml(HostileTitle)}"
            id: HOSTILE1
            date: {Iso(Now.AddHours(-2))}
            authors: [Rizky Pratama, Dewi Anggraini]
            summary: "{Yaml(HostileSummary)}"
            topics: [Keamanan Siber, Bencana Alam]
            image: {MediaFile}
            image_alt: Ilustrasi "banjir" <rob>
            """);
        Article(folder, "kumparanbisnis/tabungan-pendidikan.md", $"""
            title: Siapkan Dana Pendidikan Anak
            id: SPONSOR1
            date: {Iso(Now.AddHours(-3))}
            author: Tim Brand Studio
            sponsored: true
            summary: Tabungan berjangka untuk dana pendidikan anak.
            topics: [Perbankan]
            """);
        Article(folder, "kumparanbisnis/harga-beras-naik.md", $"""
            title: Harga Beras Naik di Pasar Tradisional
            id: WINDOW47
            date: {Iso(Now.AddHours(-47))}
            summary: Harga beras medium naik Rp 1.000 per kilogram.
            topics: [Bahan Pokok, Bencana Alam]
            """);
        Article(folder, "kumparanbisnis/ekspor-kopi-tumbuh.md", $"""
            title: Ekspor Kopi Tumbuh Dua Digit
            id: WINDOW49
            date: {Iso(Now.AddHours(-49))}
            updated: {Iso(Now.AddHours(-30))}
            author: Dewi Anggraini
            summary: Ekspor kopi naik 12 persen.
            topics: [Ekspor]
            """);
        Article(folder, "kumparannews/draf.md", $"""
            title: Draf Belum Terbit
            id: DRAFT001
            date: {Iso(Now.AddHours(-1))}
            draft: true
            topics: [Bencana Alam]
            """);
        Article(folder, "kumparannews/terjadwal.md", $"""
            title: Artikel Terjadwal
            id: FUTURE01
            date: {Iso(Now.AddHours(1))}
            topics: [Bencana Alam]
            """);
        Article(folder, "kumparannews/kedaluwarsa.md", $"""
            title: Artikel Kedaluwarsa
            id: EXPIRED1
            date: {Iso(Now.AddHours(-10))}
            expires: {Iso(Now.AddHours(-1))}
            topics: [Bencana Alam]
            """);
        Article(folder, "kumparannews/dicabut.md", $"""
            title: Artikel Dicabut
            id: RETRACT1
            date: {Iso(Now.AddHours(-5))}
            retracted:
              date: {Iso(Now.AddHours(-4))}
              reason: Sumber utama menarik pernyataannya.
            topics: [Bencana Alam]
            """);
    }

    public static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void Article(TempFolder folder, string path, string frontMatter) =>
        folder.Write(Path.Combine("articles", path),
            $"---\nchannel: {path.Split('/')[0]}\n{frontMatter.Replace("\r", "", StringComparison.Ordinal)}\n---\n\n{Body}");

    /// <summary>Ten words: the article's word count in JSON-LD.</summary>
    public const string Body = "Badan artikel dengan beberapa kata.\n\nParagraf kedua juga berisi kata.\n";

    /// <summary>The inside of a YAML double-quoted scalar.</summary>
    private static string Yaml(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\u2028", "\\L", StringComparison.Ordinal)
        .Replace("\u2029", "\\P", StringComparison.Ordinal);
}
