using Kumparan.Tests.Support;

namespace Kumparan.Tests.Security;

public sealed class AdSlotTests
{
    private static readonly string[] SlotNames = ["article-top", "article-body-1", "article-body-2", "article-body-3"];

    [Fact]
    public async Task WithoutAnAdServerEachSlotIsTheLabelledReservedBoxAndNoFrameIsAllowed()
    {
        using var factory = new KumparanFactory();
        var (response, document) = await factory.GetDocumentAsync(Repository.SeedPath);
        var slots = document.QuerySelectorAll("aside[data-ad-slot]");
        Assert.Equal(SlotNames, slots.Select(s => s.GetAttribute("data-ad-slot")));
        foreach (var slot in slots)
        {
            Assert.Equal("ADVERTISEMENT", slot.QuerySelector(".ad__label")!.TextContent);
            Assert.NotNull(slot.QuerySelector(".ad__box"));
            Assert.Empty(slot.QuerySelectorAll("iframe, script"));
        }

        Assert.False(SecurityHeadersTests.Directives(response).ContainsKey("frame-src"));
    }

    [Fact]
    public async Task AConfiguredAdRunsOnlyInASandboxedFrameOfTheSlotsReservedSize()
    {
        using var factory = new KumparanFactory();
        factory.Settings["Kumparan:Ads:Origin"] = "https://iklan.example";
        factory.Settings["Kumparan:Ads:FrameOrigins:0"] = "https://cdn.iklan.example";
        var (response, document) = await factory.GetDocumentAsync(Repository.SeedPath);
        var slots = document.QuerySelectorAll("aside[data-ad-slot]");
        Assert.Equal(SlotNames, slots.Select(s => s.GetAttribute("data-ad-slot")));
        foreach (var slot in slots)
        {
            var name = slot.GetAttribute("data-ad-slot")!;
            var frame = Assert.Single(slot.QuerySelectorAll(".ad__box iframe"));
            Assert.Equal("ADVERTISEMENT", slot.QuerySelector(".ad__label")!.TextContent);
            Assert.Equal(["allow-scripts", "allow-popups", "allow-popups-to-escape-sandbox"], frame.GetAttribute("sandbox")!.Split(' '));
            var (width, height) = name == "article-top" ? ("728", "90") : ("300", "250");
            Assert.Equal((width, height), (frame.GetAttribute("width"), frame.GetAttribute("height")));
            Assert.Equal($"https://iklan.example/slot?name={name}&width={width}&height={height}", frame.GetAttribute("src"));
            Assert.Equal("ad__frame", frame.ClassName);
        }

        // The frame fills its box and the box keeps its reserved size, so a filled slot does not shift the page.
        var css = await factory.CreateClient().GetStringAsync(document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        Assert.Contains(".ad__frame{display:block;width:100%;height:100%;border:0}", css, StringComparison.Ordinal);
        Assert.Contains(".ad--body .ad__box{width:300px;height:250px}", css, StringComparison.Ordinal);
        Assert.Equal(["https://cdn.iklan.example", "https://iklan.example"], SecurityHeadersTests.Directives(response)["frame-src"].Order(StringComparer.Ordinal));
        SecurityHeadersTests.AssertNoInlineOrForeignScript(document);
    }

    [Theory]
    [InlineData("http://iklan.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://iklan.example/path\"onload=x")]
    [InlineData("https://user:secret@iklan.example")]
    [InlineData("//iklan.example")]
    public async Task AnAdOriginThatIsNotABareHttpsOriginIsIgnored(string origin)
    {
        using var factory = new KumparanFactory();
        factory.Settings["Kumparan:Ads:Origin"] = origin;
        factory.Settings["Kumparan:Ads:FrameOrigins:0"] = origin;
        var (response, document) = await factory.GetDocumentAsync(Repository.SeedPath);
        Assert.Equal(4, document.QuerySelectorAll("aside[data-ad-slot] .ad__box").Length);
        Assert.Empty(document.QuerySelectorAll("iframe"));
        Assert.False(SecurityHeadersTests.Directives(response).ContainsKey("frame-src"));
    }
}
