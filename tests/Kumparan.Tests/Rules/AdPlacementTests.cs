using Kumparan.Content;
using Kumparan.Content.Ads;
using Kumparan.Content.Rendering;

namespace Kumparan.Tests.Rules;

public sealed class AdPlacementTests
{
    private static readonly int[] SeedWordCounts = [24, 26, 26, 16, 36, 31, 15, 27, 12, 17, 14, 17, 18, 17, 28];

    private static List<BodyBlock> Paragraphs(params int[] words) =>
        words.Select(w => new BodyBlock(BlockKind.Paragraph, "<p></p>", w)).ToList();

    [Fact]
    public void SeedParagraphsGetSlotsAfterHeaderAndParagraphsOneSixAndThirteen()
    {
        var slots = AdPlacement.Place(Paragraphs(SeedWordCounts), new AdOptions());
        // Block indexes are zero-based: paragraphs 1, 6 and 13 are indexes 0, 5 and 12.
        Assert.Equal([AdPlacement.AfterHeader, 0, 5, 12], slots);
    }

    [Fact]
    public void NoSlotAfterTheLastParagraph()
    {
        var slots = AdPlacement.Place(Paragraphs(10, 130, 130), new AdOptions());
        Assert.Equal([AdPlacement.AfterHeader, 0, 1], slots);
    }

    [Fact]
    public void NoSlotBetweenAHeadingAndItsParagraphNorAfterLists()
    {
        var blocks = new List<BodyBlock>
        {
            new(BlockKind.Paragraph, "", 10),
            new(BlockKind.Paragraph, "", 60),
            new(BlockKind.List, "", 70),       // threshold reached inside the list: no slot in or after it
            new(BlockKind.Heading, "", 5),
            new(BlockKind.Paragraph, "", 20),  // first paragraph after the threshold: slot here
            new(BlockKind.Quote, "", 200),
            new(BlockKind.Paragraph, "", 5),
        };
        var slots = AdPlacement.Place(blocks, new AdOptions());
        Assert.Equal([AdPlacement.AfterHeader, 0, 4], slots);
    }

    [Fact]
    public void DisabledAdsGiveNoSlots() =>
        Assert.Empty(AdPlacement.Place(Paragraphs(SeedWordCounts), new AdOptions { Enabled = false }));

    [Fact]
    public void ThresholdIsConfiguration()
    {
        var slots = AdPlacement.Place(Paragraphs(SeedWordCounts), new AdOptions { WordsBetweenSlots = 60, SlotAfterHeader = false });
        Assert.Equal([0, 3, 5, 9, 13], slots);
    }

    [Fact]
    public void AnEmptyBodyHasNoSlots() => Assert.Empty(AdPlacement.Place([], new AdOptions()));
}
