using System.Globalization;
using Kumparan.Tests.Support;
using Kumparan.Web.Cli;

namespace Kumparan.Tests.Tools;

public sealed class GenerateCommandTests
{
    [Fact]
    public void GeneratedArticlesAreAllAcceptedAndTheSameForTheSameSeed()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        Assert.Equal(0, GenerateCommand.Run(["40", first.Path], TextWriter.Null));
        Assert.Equal(0, GenerateCommand.Run(["40", second.Path, "--seed", "42"], TextWriter.Null));
        AssertCheckAcceptsEveryFile(first);
        var files = Directory.GetFiles(first.Path, "*.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first.Path, f)).Order().ToList();
        Assert.Equal(40, files.Count);
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, f)), File.ReadAllBytes(Path.Combine(second.Path, f))));
    }

    [Fact]
    public void ASecondFolderNumberedAfterTheFirstAddsArticlesInsteadOfDuplicates()
    {
        using var content = new TempFolder();
        using var extra = new TempFolder();
        Assert.Equal(0, GenerateCommand.Run(["30", content.Path], TextWriter.Null));
        Assert.Equal(0, GenerateCommand.Run(["30", extra.Path, "--first", "30"], TextWriter.Null));
        // Into the same channel folders: file names, ids and slugs must not collide.
        foreach (var file in Directory.GetFiles(Path.Combine(extra.Path, "articles"), "*.md", SearchOption.AllDirectories))
        {
            var channel = Path.GetFileName(Path.GetDirectoryName(file)!);
            content.Write($"articles/{channel}/{Path.GetFileName(file)}", File.ReadAllText(file));
        }

        AssertCheckAcceptsEveryFile(content);
        Assert.Equal(60, Directory.GetFiles(content.Path, "*.md", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void AnArchiveIsDatedBackwardsFromUntilOneArticleEveryGivenMinutes()
    {
        using var content = new TempFolder();
        using var older = new TempFolder();
        var until = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(0, GenerateCommand.Run(["25", content.Path, "--until", "2025-06-01T12:00:00+07:00", "--every", "7"], TextWriter.Null));
        Assert.Equal(0, GenerateCommand.Run(["25", older.Path, "--until", "2025-06-01T05:00:00Z", "--every", "7", "--first", "25"], TextWriter.Null));

        // Article i at until - 7i minutes, to the second; a second folder numbered after the first goes on further back.
        var expected = Enumerable.Range(0, 50).Select(i => until.AddMinutes(-7 * i)).ToList();
        Assert.Equal(expected, Dates(content).Concat(Dates(older)).OrderDescending().ToList());
        foreach (var file in Directory.GetFiles(Path.Combine(older.Path, "articles"), "*.md", SearchOption.AllDirectories))
        {
            content.Write($"articles/{Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileName(file)}", File.ReadAllText(file));
        }

        AssertCheckAcceptsEveryFile(content);
    }

    [Fact]
    public void AnArchiveUntilNowIsAllPublishedEveryFiveMinutesByDefault()
    {
        using var content = new TempFolder();
        var now = new DateTimeOffset(2026, 3, 4, 5, 6, 59, 999, TimeSpan.Zero);

        Assert.Equal(0, GenerateCommand.Run(["30", content.Path, "--until", "now"], TextWriter.Null, new ManualClock(now)));

        var dates = Dates(content).OrderDescending().ToList();
        Assert.All(dates, d => Assert.True(d <= now, $"{d:O} is after {now:O}"));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 5, 6, 0, TimeSpan.Zero), dates[0]);
        Assert.All(dates.Zip(dates.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(5), pair.First - pair.Second));
    }

    [Fact]
    public void AnUntilTooEarlyForTheArchiveOrAnUnreadableOneIsRefused()
    {
        using var content = new TempFolder();
        Assert.Equal(2, GenerateCommand.Run(["1000", content.Path, "--until", "1970-01-02T00:00:00Z"], TextWriter.Null));
        Assert.Equal(2, GenerateCommand.Run(["10", content.Path, "--until", "kemarin"], TextWriter.Null));
        Assert.Equal(2, GenerateCommand.Run(["10", content.Path, "--until", "now", "--every", "0"], TextWriter.Null));
        Assert.Empty(Directory.GetFiles(content.Path, "*.md", SearchOption.AllDirectories));
    }

    [Fact]
    public void SkewedTopicsAndAuthorsHaveAFewVeryCommonOnesAndALongTail()
    {
        using var content = new TempFolder();
        using var again = new TempFolder();
        var output = new StringWriter();
        Assert.Equal(0, GenerateCommand.Run(["1500", content.Path, "--skew", "--until", "2025-01-01T00:00:00Z"], output));
        Assert.Equal(0, GenerateCommand.Run(["1500", again.Path, "--skew", "--until", "2025-01-01T00:00:00Z"], TextWriter.Null));

        var files = Directory.GetFiles(content.Path, "*.md", SearchOption.AllDirectories);
        var topics = files.SelectMany(f => FrontMatterList(f, "topics")).CountBy(t => t).OrderByDescending(c => c.Value).ToList();
        var authors = files.SelectMany(f => FrontMatterList(f, "authors")).CountBy(a => a).OrderByDescending(c => c.Value).ToList();

        // The most common topic is in about a third of the articles, a few others are common, most are rare.
        Assert.InRange(topics[0].Value, 0.27 * files.Length, 0.40 * files.Length);
        Assert.InRange(topics[1].Value, 0.10 * files.Length, 0.27 * files.Length);
        Assert.True(topics.Count > 500, $"{topics.Count} topics");
        Assert.True(topics.Count(t => t.Value <= 3) > topics.Count / 2, "most topics are rare");
        // Authors likewise: one writes about 1 article in 10, hundreds write a few.
        Assert.InRange(authors[0].Value, 0.06 * files.Length, 0.15 * files.Length);
        Assert.True(authors.Count > 300, $"{authors.Count} authors");
        // The summary names the biggest of each with its page, for the benchmark scripts.
        Assert.Contains($"most common {topics[0].Key} (/topic/ekonomi) in {topics[0].Value.ToString("N0", CultureInfo.InvariantCulture)} articles", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"most common {authors[0].Key} (/penulis/{Kumparan.Content.Articles.Slug.FromName(authors[0].Key)})", output.ToString(), StringComparison.Ordinal);

        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(again.Path, Path.GetRelativePath(content.Path, f)))));
        AssertCheckAcceptsEveryFile(content);
    }

    private static IEnumerable<DateTimeOffset> Dates(TempFolder folder) =>
        Directory.GetFiles(folder.Path, "*.md", SearchOption.AllDirectories)
            .Select(f => DateTimeOffset.Parse(FrontMatter(f, "date"), CultureInfo.InvariantCulture));

    private static string[] FrontMatterList(string file, string key) =>
        FrontMatter(file, key).Trim('[', ']').Split(", ");

    private static string FrontMatter(string file, string key) =>
        File.ReadLines(file).First(l => l.StartsWith(key + ": ", StringComparison.Ordinal))[(key.Length + 2)..];

    private static void AssertCheckAcceptsEveryFile(TempFolder folder)
    {
        var check = new StringWriter();
        var status = CheckCommand.Run([folder.Path], check);
        Assert.True(status == 0, check.ToString());
    }
}
