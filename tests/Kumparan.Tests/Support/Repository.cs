namespace Kumparan.Tests.Support;

/// <summary>Paths in this repository, found from the test assembly's folder.</summary>
public static class Repository
{
    public static readonly string Root = Kumparan.Web.Hosting.ContentPaths.FindRepository(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Tests must run inside the repository (Kumparan.sln not found).");

    public static string Content => Path.Combine(Root, "content");

    public static string SeedArticle => Path.Combine(Content, "articles", "kumparannews",
        "pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari.md");

    /// <summary>The seed page's text, from shared/ beside the repository when present.</summary>
    public const string SeedPath = "/kumparannews/pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari-24R1wPK1UUi";
}

/// <summary>A temporary folder, deleted at the end of the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kumparan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes a file under the folder (creating folders) and returns its full path.</summary>
    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    /// <summary>Copies the repository's content/ here, for tests that change it.</summary>
    public TempFolder WithRepositoryContent()
    {
        foreach (var file in Directory.EnumerateFiles(Repository.Content, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(Repository.Content, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a host shutting down; the OS temp cleaner takes it.
        }
    }
}

/// <summary>A clock the test sets. Time is an input like any other; this is not a mock of our code.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
