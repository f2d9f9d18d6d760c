using Kumparan.Content.Publishing;
using Kumparan.Web.Pages;

namespace Kumparan.Tests.Rules;

public sealed class PagingTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("999999999", 999999999)]
    [InlineData("0", null)]
    [InlineData("01", null)]
    [InlineData("-1", null)]
    [InlineData("+2", null)]
    [InlineData("2.0", null)]
    [InlineData("1e3", null)]
    [InlineData("9999999999", null)]
    [InlineData("", null)]
    [InlineData("٣", null)]
    public void OnlyPlainPositiveNumbersArePages(string? value, int? expected) => Assert.Equal(expected, Paging.Parse(value));

    [Fact]
    public void PagerLinksTheFirstTheLastAndTwoEitherSideOfTheCurrentPage()
    {
        Assert.Equal([1, null, 4, 5, 6, 7, 8, null, 20], new Pager("/x", 6, 20).Links());
        Assert.Equal([1, 2, 3, null, 20], new Pager("/x", 1, 20).Links());
        Assert.Equal([1, 2, 3], new Pager("/x", 2, 3).Links());
        Assert.Equal("/x", new Pager("/x", 2, 3).Href(1));
        Assert.Equal("/search?q=a%20b&page=3", new Pager("/search?q=a%20b", 2, 3).Href(3));
    }
}
