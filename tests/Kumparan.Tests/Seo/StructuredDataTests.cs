using System.Text.Json;
using AngleSharp.Dom;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Seo;

/// <summary>SPEC section 9: JSON-LD on articles and home, parsed with System.Text.Json, including hostile front matter.</summary>
public sealed class StructuredDataTests(SeoSite site) : IClassFixture<SeoSite>
{
    private static readonly string[] HeadElements = ["meta", "link", "title", "style", "script"];

    private static async Task<List<JsonElement>> JsonLdAsync(SeoSite site, string path)
    {
        var (response, page) = await site.Factory.GetDocumentAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return Blocks(page);
    }

    private static List<JsonElement> Blocks(IDocument page) => page
        .QuerySelectorAll("script[type='application/ld+json']")
        .Select(s => JsonDocument.Parse(s.TextContent).RootElement.Clone())
        .ToList();

    private static JsonElement OfType(List<JsonElement> blocks, string type) => Assert.Single(blocks, b =>
        b.GetProperty("@type") is var t && (t.ValueKind == JsonValueKind.String ? t.GetString() == type : t.EnumerateArray().Any(x => x.GetString() == type)));

    [Fact]
    public async Task HostileTitleAndSummaryStayInsideTheirScriptElementsAndRoundTrip()
    {
        var (_, page) = await site.Factory.GetDocumentAsync(SeoContent.HostilePath);
        // Two JSON-LD blocks and no other script but the site's own copy-link file (an empty element with
        // a fixed src): nothing broke out to start a new element.
        Assert.All(page.QuerySelectorAll("script[src]"), s => Assert.Equal("/js/share.js", s.GetAttribute("src")));
        var scripts = page.QuerySelectorAll("script:not([src='/js/share.js'])");
        Assert.Equal(2, scripts.Length);
        Assert.All(scripts, s => Assert.Equal("application/ld+json", s.GetAttribute("type")));
        Assert.All(scripts, s => Assert.Equal("head", s.ParentElement!.LocalName));
        foreach (var script in scripts)
        {
            // The raw text holds no markup character and no line/paragraph separator; escapes carry them.
            Assert.DoesNotContain(script.TextContent, c => c is '<' or '>' or '&' or '\u2028' or '\u2029');
        }

        var article = OfType(Blocks(page), "NewsArticle");
        Assert.Equal(SeoContent.HostileTitle, article.GetProperty("headline").GetString());
        Assert.Equal(SeoContent.HostileSummary, article.GetProperty("description").GetString());
        var crumbs = OfType(Blocks(page), "BreadcrumbList").GetProperty("itemListElement");
        Assert.Equal(SeoContent.HostileTitle, crumbs[2].GetProperty("name").GetString());
    }

    [Fact]
    public async Task HostileTitleAndSummaryRoundTripThroughMetaTagsUnchanged()
    {
        var (_, page) = await site.Factory.GetDocumentAsync(SeoContent.HostilePath);
        Assert.Equal($"{SeoContent.HostileTitle} | kumparan", page.Title);
        Assert.Equal(SeoContent.HostileTitle, Meta(page, "og:title"));
        Assert.Equal(SeoContent.HostileTitle, Meta(page, "twitter:title"));
        Assert.Equal(SeoContent.HostileSummary, Meta(page, "description"));
        Assert.Equal(SeoContent.HostileSummary, Meta(page, "og:description"));
        Assert.Equal(SeoContent.HostileSummary, Meta(page, "twitter:description"));
        Assert.Equal("Ilustrasi \"banjir\" <rob>", Meta(page, "og:image:alt"));
        // Every head element is a meta, link, title, style or the two JSON-LD scripts: nothing was injected.
        Assert.All(page.Head!.Children, e => Assert.Contains(e.LocalName, HeadElements));
    }

    [Fact]
    public async Task NewsArticleCarriesEveryFieldSearchEnginesRead()
    {
        var article = OfType(await JsonLdAsync(site, SeoContent.HostilePath), "NewsArticle");
        var url = SeoContent.BaseUrl + SeoContent.HostilePath;
        Assert.Equal("https://schema.org", article.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", article.GetProperty("@type").GetString());
        Assert.Equal(url, article.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal(url, article.GetProperty("url").GetString());
        Assert.Equal(SeoContent.Iso(SeoContent.Now.AddHours(-2)), article.GetProperty("datePublished").GetString());
        Assert.EndsWith("+07:00", article.GetProperty("dateModified").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            [("Person", "Rizky Pratama", SeoContent.BaseUrl + "/penulis/rizky-pratama"), ("Person", "Dewi Anggraini", SeoContent.BaseUrl + "/penulis/dewi-anggraini")],
            article.GetProperty("author").EnumerateArray().Select(a => (a.GetProperty("@type").GetString(), a.GetProperty("name").GetString(), a.GetProperty("url").GetString())));
        var image = article.GetProperty("image")[0];
        // The lead image's link-preview crop, which is the size it says.
        var imageUrl = new Uri(image.GetProperty("url").GetString()!);
        Assert.Equal(SeoContent.BaseUrl, imageUrl.GetLeftPart(UriPartial.Authority));
        Assert.Matches(@"^/img/og/[0-9a-f]{16}/banjir-rob-pesisir\.jpg$", imageUrl.AbsolutePath);
        var actual = ImageSize.Read(await site.Factory.CreateClient().GetByteArrayAsync(imageUrl.AbsolutePath));
        Assert.Equal(actual, (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        Assert.Equal("kumparanNEWS", article.GetProperty("articleSection").GetString());
        Assert.Equal(["Keamanan Siber", "Bencana Alam"], article.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(10, article.GetProperty("wordCount").GetInt32());
        Assert.Equal("id", article.GetProperty("inLanguage").GetString());
        Assert.True(article.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.False(article.TryGetProperty("genre", out _));
    }

    [Fact]
    public async Task PublisherIsKumparanWithALogoThatIsARealImageOfTheStatedSize()
    {
        var publisher = OfType(await JsonLdAsync(site, SeoContent.HostilePath), "NewsArticle").GetProperty("publisher");
        Assert.Equal("Organization", publisher.GetProperty("@type").GetString());
        Assert.Equal("kumparan", publisher.GetProperty("name").GetString());
        var logo = publisher.GetProperty("logo");
        var logoUrl = new Uri(logo.GetProperty("url").GetString()!);
        Assert.Equal(SeoContent.BaseUrl, logoUrl.GetLeftPart(UriPartial.Authority));
        var response = await site.Factory.CreateClient().GetAsync(logoUrl.AbsolutePath);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(ImageSize.Read(bytes), (logo.GetProperty("width").GetInt32(), logo.GetProperty("height").GetInt32()));
    }

    [Fact]
    public async Task WithoutAuthorsTheChannelIsTheAuthorAsAnOrganization()
    {
        var author = Assert.Single(OfType(await JsonLdAsync(site, SeoContent.InWindowPath), "NewsArticle").GetProperty("author").EnumerateArray());
        Assert.Equal("Organization", author.GetProperty("@type").GetString());
        Assert.Equal("kumparanBISNIS", author.GetProperty("name").GetString());
        Assert.Equal(SeoContent.BaseUrl + "/kumparanbisnis", author.GetProperty("url").GetString());
    }

    [Fact]
    public async Task UpdatedArticleHasItsUpdateAsDateModified()
    {
        var article = OfType(await JsonLdAsync(site, SeoContent.OutOfWindowPath), "NewsArticle");
        Assert.Equal(SeoContent.Iso(SeoContent.Now.AddHours(-49)), article.GetProperty("datePublished").GetString());
        Assert.Equal(SeoContent.Iso(SeoContent.Now.AddHours(-30)), article.GetProperty("dateModified").GetString());
    }

    [Fact]
    public async Task SponsoredArticleSaysItIsAnAdvertorial()
    {
        var article = OfType(await JsonLdAsync(site, SeoContent.SponsoredPath), "NewsArticle");
        Assert.Equal(["NewsArticle", "AdvertiserContentArticle"], article.GetProperty("@type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Advertorial", article.GetProperty("genre").GetString());
    }

    [Fact]
    public async Task BreadcrumbGoesHomeChannelArticle()
    {
        var crumbs = OfType(await JsonLdAsync(site, SeoContent.InWindowPath), "BreadcrumbList").GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], crumbs.Select(c => c.GetProperty("position").GetInt32()));
        Assert.Equal(["Home", "kumparanBISNIS", "Harga Beras Naik di Pasar Tradisional"], crumbs.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(
            [SeoContent.BaseUrl + "/", SeoContent.BaseUrl + "/kumparanbisnis", SeoContent.BaseUrl + SeoContent.InWindowPath],
            crumbs.Select(c => c.GetProperty("item").GetString()));
    }

    [Fact]
    public async Task RetractedArticleIsNoIndexAndNoLongerDescribedAsNews()
    {
        var (_, page) = await site.Factory.GetDocumentAsync(SeoContent.RetractedPath);
        Assert.StartsWith("noindex", Meta(page, "robots"), StringComparison.Ordinal);
        Assert.DoesNotContain(Blocks(page), b => b.GetProperty("@type").ToString().Contains("NewsArticle", StringComparison.Ordinal));
        Assert.Contains("Sumber utama menarik pernyataannya.", Meta(page, "description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomeHasOrganizationAndWebSiteWithSearchAction()
    {
        var blocks = await JsonLdAsync(site, "/");
        var organization = OfType(blocks, "Organization");
        Assert.Equal("kumparan", organization.GetProperty("name").GetString());
        Assert.Equal(SeoContent.BaseUrl + "/", organization.GetProperty("url").GetString());
        Assert.Equal("PT Dynamo Media Network", organization.GetProperty("legalName").GetString());
        Assert.Equal(SeoContent.BaseUrl + "/images/kumparan-logo.png", organization.GetProperty("logo").GetProperty("url").GetString());
        var website = OfType(blocks, "WebSite");
        Assert.Equal(SeoContent.BaseUrl + "/", website.GetProperty("url").GetString());
        var action = website.GetProperty("potentialAction");
        Assert.Equal("SearchAction", action.GetProperty("@type").GetString());
        Assert.Equal(SeoContent.BaseUrl + "/search?q={search_term_string}", action.GetProperty("target").GetProperty("urlTemplate").GetString());
        Assert.Equal("required name=search_term_string", action.GetProperty("query-input").GetString());
    }

    [Fact]
    public void EncoderEscapesEveryCharacterThatCouldEndTheScriptElement()
    {
        var json = Kumparan.Web.Seo.JsonLd.Serialize(new System.Text.Json.Nodes.JsonObject { ["x"] = "</SCRIPT><!--&'\"\u2028\u2029é" });
        Assert.DoesNotContain(json, c => c is '<' or '>' or '&' or '\'' or '\u2028' or '\u2029');
        Assert.Equal("</SCRIPT><!--&'\"\u2028\u2029é", JsonDocument.Parse(json).RootElement.GetProperty("x").GetString());
        Assert.Contains("é", json, StringComparison.Ordinal);
    }

    private static string? Meta(IDocument page, string key) =>
        (page.QuerySelector($"meta[property='{key}']") ?? page.QuerySelector($"meta[name='{key}']"))?.GetAttribute("content");
}
