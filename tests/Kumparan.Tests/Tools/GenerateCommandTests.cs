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
        var check = new StringWriter();
        var status = CheckCommand.Run([first.Path], check);

        Assert.True(status == 0, check.ToString());
        var files = Directory.GetFiles(first.Path, "*.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first.Path, f)).Order().ToList();
        Assert.Equal(40, files.Count);
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, f)), File.ReadAllBytes(Path.Combine(second.Path, f))));
    }
}
