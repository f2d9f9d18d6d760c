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

    private static void AssertCheckAcceptsEveryFile(TempFolder folder)
    {
        var check = new StringWriter();
        var status = CheckCommand.Run([folder.Path], check);
        Assert.True(status == 0, check.ToString());
    }
}
