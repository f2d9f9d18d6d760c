using AngleSharp;
using Kumparan.Content.Rendering;

namespace Kumparan.Tests.Rules;

public sealed class BodyImageTests
{
    [Fact]
    public async Task BodyImagesLoadLazilyAndKeepTheirAltText()
    {
        var body = MarkdownRenderer.Render("Paragraf pembuka.\n\n![Suasana pasar pagi](/media/pasar.jpg)\n", 1);
        var html = string.Concat(body.Blocks.Select(b => b.Html));

        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        var image = Assert.Single(document.QuerySelectorAll("img"));

        Assert.Equal("lazy", image.GetAttribute("loading"));
        Assert.Equal("async", image.GetAttribute("decoding"));
        Assert.Equal("Suasana pasar pagi", image.GetAttribute("alt"));
        Assert.Equal("/media/pasar.jpg", image.GetAttribute("src"));
    }
}
