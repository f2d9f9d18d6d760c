using Kumparan.Content;
using Kumparan.Content.Rendering;

namespace Kumparan.Tests.Rules;

public sealed class ReadingTimeTests
{
    private static readonly ReadingOptions Indonesian = new();

    [Theory]
    [InlineData(324, 2)] // the seed article
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(400, 2)]
    [InlineData(401, 3)]
    public void MinutesAreWordsOverTwoHundredRoundedUpAndAtLeastOne(int words, int minutes) =>
        Assert.Equal(minutes, ReadingTime.Minutes(new TextStatistics(words, 0), Indonesian));

    [Fact]
    public void SeedParagraphsCountThreeHundredTwentyFourWords()
    {
        var words = Support.SeedPage.Paragraphs.Sum(p => TextStatistics.Of(p).Words);
        Assert.Equal(324, words);
        Assert.Equal(2, ReadingTime.Minutes(new TextStatistics(words, 0), Indonesian));
    }

    [Fact]
    public void CjkTextIsCountedByCharactersAtFiveHundredPerMinute()
    {
        var text = TextStatistics.Of(new string('日', 501));
        Assert.Equal(0, text.Words);
        Assert.Equal(501, text.CjkCharacters);
        Assert.Equal(2, ReadingTime.Minutes(text, Indonesian));
    }

    [Fact]
    public void SpeedIsConfiguration() =>
        Assert.Equal(4, ReadingTime.Minutes(new TextStatistics(324, 0), new ReadingOptions { WordsPerMinute = 100 }));
}
