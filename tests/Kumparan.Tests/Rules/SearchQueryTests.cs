using Kumparan.Content.Search;

namespace Kumparan.Tests.Rules;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("Korea Utara", "\"korea\" \"utara\"")]
    [InlineData("NEAR(korut rusia)", "\"near\" \"korut\" \"rusia\"")]
    [InlineData("\"pasukan\" OR -rusia*", "\"pasukan\" \"or\" \"rusia\"")]
    [InlineData("title:korut ^ukraina", "\"title\" \"korut\" \"ukraina\"")]
    [InlineData("'; DROP TABLE articles; --", "\"drop\" \"table\" \"articles\"")]
    [InlineData("rusia rusia RUSIA", "\"rusia\"")]
    [InlineData("Kafé", "\"kafé\"")]
    public void WordsBecomeQuotedTermsAndOperatorsBecomeWords(string input, string expected) =>
        Assert.Equal(expected, SearchQuery.ToMatch(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t ")]
    [InlineData("\"\"*()-^:")]
    [InlineData("🦜🦜")]
    public void InputWithoutWordsHasNoQuery(string? input) => Assert.Null(SearchQuery.ToMatch(input));

    [Fact]
    public void LongInputIsCutToAFewWordsOfBoundedLength()
    {
        var words = SearchQuery.Words(string.Concat(Enumerable.Range(0, 400).Select(i => $"kata{i} ")) + new string('x', 5000));
        Assert.Equal(SearchQuery.MaxWords, words.Count);
        Assert.All(words, w => Assert.InRange(w.Length, 1, SearchQuery.MaxWordLength));
        Assert.Equal(SearchQuery.MaxWordLength, SearchQuery.Words(new string('y', 200)).Single().Length);
    }

    [Fact]
    public void DisplayDropsControlCharactersAndBrokenSurrogates() =>
        Assert.Equal("a b 🦜c", SearchQuery.Display("  a\u0000\nb \ud800🦜c\u0007 "));

    [Fact]
    public void SnippetMarkersSplitTextIntoMarkedAndPlainParts()
    {
        var parts = Snippet.Parse("…hutan \u0002Cendrawasih\u0003 dan \u0002kasuari\u0003");
        Assert.Equal(
            [new SnippetPart("…hutan ", false), new SnippetPart("Cendrawasih", true), new SnippetPart(" dan ", false), new SnippetPart("kasuari", true)],
            parts);
        Assert.Empty(Snippet.Parse(""));
        Assert.Equal([new SnippetPart("a", false), new SnippetPart("b", false)], Snippet.Parse("a\u0003b"));
    }
}
