using Kumparan.Content.Articles;
using Kumparan.Content.Rendering;

namespace Kumparan.Tests.Rules;

public sealed class DateAndIdTests
{
    private static readonly DateTimeOffset SeedTime = new(2025, 2, 4, 13, 5, 0, TimeSpan.FromHours(7));

    [Fact]
    public void DateLineIsIndonesianInWib() => Assert.Equal("4 Februari 2025 13:05 WIB", IndonesianDate.Format(SeedTime));

    [Fact]
    public void DateLineConvertsOtherOffsetsToWib() =>
        Assert.Equal("4 Februari 2025 13:05 WIB", IndonesianDate.Format(new DateTimeOffset(2025, 2, 4, 6, 5, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData(1, "Januari")]
    [InlineData(3, "Maret")]
    [InlineData(5, "Mei")]
    [InlineData(8, "Agustus")]
    [InlineData(12, "Desember")]
    public void MonthsHaveIndonesianNames(int month, string name) =>
        Assert.Equal($"1 {name} 2026 00:00 WIB", IndonesianDate.Format(new DateTimeOffset(2026, month, 1, 0, 0, 0, IndonesianDate.Wib)));

    [Fact]
    public void TimeElementValueHasTheWibOffset() => Assert.Equal("2025-02-04T13:05:00+07:00", IndonesianDate.ToIso(SeedTime));

    [Fact]
    public void SeedIdIsBase62OfPublicationNanoseconds() => Assert.Equal("24R1wPK1UUi", ArticleId.FromPublicationTime(SeedTime));

    [Theory]
    [InlineData("Korea Utara", "korea-utara")]
    [InlineData("  Ekonomi   Digital!! ", "ekonomi-digital")]
    [InlineData("Café Señor", "cafe-senor")]
    public void SlugsComeFromNames(string name, string slug) => Assert.Equal(slug, Slug.FromName(name));

    [Theory]
    [InlineData("berita-baru", true)]
    [InlineData("Berita", false)]
    [InlineData("-awal", false)]
    [InlineData("dua--strip", false)]
    [InlineData("a\u200Bb", false)]
    public void SlugValidation(string slug, bool valid) => Assert.Equal(valid, Slug.IsValid(slug));
}
