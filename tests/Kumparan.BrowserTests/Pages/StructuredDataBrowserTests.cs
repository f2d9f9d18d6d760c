using Kumparan.BrowserTests.Support;

namespace Kumparan.BrowserTests.Pages;

/// <summary>The site on a content folder holding one article whose front matter tries to break out of the JSON-LD.</summary>
public sealed class HostileArticleSite : BrowserSite, IDisposable
{
    public const string Path = "/kumparannews/judul-berbahaya-HOSTILE1";

    public const string Title = "Awas \"kutip\" & 'apostrof' </script><script>alert(1)</script> <!-- komentar \u2028 baris";

    public const string Summary = "Ringkasan \"berbahaya\" </script><script>alert(1)</script> & <!-- \u2029 selesai";

    private readonly string _content;

    public HostileArticleSite()
        : this(CreateContent())
    {
    }

    private HostileArticleSite(string content)
        : base(new Dictionary<string, string> { ["Kumparan:ContentPath"] = content }) => _content = content;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_content, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the host shutting down; the OS temp cleaner takes it.
        }
    }

    private static string CreateContent()
    {
        var content = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kumparan-browser-tests", "content-" + Guid.NewGuid().ToString("N"));
        var folder = System.IO.Path.Combine(content, "articles", "kumparannews");
        Directory.CreateDirectory(folder);
        File.WriteAllText(System.IO.Path.Combine(folder, "judul-berbahaya.md"), $"""
            ---
            title: "{Yaml(Title)}"
            channel: kumparannews
            id: HOSTILE1
            date: 2025-02-04T13:05:00+07:00
            author: Rizky Pratama
            summary: "{Yaml(Summary)}"
            topics: [Keamanan Siber]
            ---

            Badan artikel dengan beberapa kata.
            """);
        return content;
    }

    private static string Yaml(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\u2028", "\\L", StringComparison.Ordinal)
        .Replace("\u2029", "\\P", StringComparison.Ordinal);
}

/// <summary>
/// JSON-LD is data, not script: Chromium runs none of it, reports no CSP violation for it (the policy
/// has script-src 'self' and no hash for it), and reads back exactly what the editor wrote.
/// </summary>
public sealed class StructuredDataBrowserTests(HostileArticleSite site) : IClassFixture<HostileArticleSite>
{
    [ChromiumFact]
    public async Task HostileFrontMatterStaysDataInTheBrowser()
    {
        await using var page = await site.OpenAsync(HostileArticleSite.Path, Screen.Phone);

        Assert.Equal(200, page.Status);
        // An inline script that broke out would be refused by the CSP, and Chromium would log that refusal.
        Assert.Empty(page.Problems);
        var scripts = await page.Page.EvaluateAsync<string[]>("() => [...document.scripts].map(s => s.src ? new URL(s.src).pathname : s.type)");
        Assert.Equal(["application/ld+json", "application/ld+json"], scripts.Where(s => s != "/js/share.js"));
        var data = await page.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('script[type="application/ld+json"]')]
                .map(s => JSON.parse(s.textContent))
                .flatMap(d => d['@type'] === 'NewsArticle' ? [d.headline, d.description] : [d.itemListElement[2].name])
            """);
        Assert.Equal([HostileArticleSite.Title, HostileArticleSite.Summary, HostileArticleSite.Title], data);
        Assert.Equal(HostileArticleSite.Title + " | kumparan", await page.Page.TitleAsync());
        Assert.Equal(HostileArticleSite.Title, await page.Page.Locator("h1").TextContentAsync());
    }
}
