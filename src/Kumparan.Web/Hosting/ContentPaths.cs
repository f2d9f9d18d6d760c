namespace Kumparan.Web.Hosting;

/// <summary>Where content/ and the data folder are when configuration does not say.</summary>
public static class ContentPaths
{
    /// <summary>The repository (the folder with Kumparan.sln and content/) above <paramref name="starts"/>, if any.</summary>
    public static string? FindRepository(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Kumparan.sln")) && Directory.Exists(Path.Combine(directory.FullName, "content")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    public static (string Content, string Data) Resolve(string? configuredContent, string? configuredData, string contentRoot)
    {
        var repository = FindRepository(contentRoot, AppContext.BaseDirectory, Directory.GetCurrentDirectory()) ?? contentRoot;
        var content = string.IsNullOrWhiteSpace(configuredContent) ? Path.Combine(repository, "content") : Path.GetFullPath(configuredContent, contentRoot);
        var data = string.IsNullOrWhiteSpace(configuredData) ? Path.Combine(repository, "data") : Path.GetFullPath(configuredData, contentRoot);
        return (content, data);
    }

    /// <summary>The category map file configured (Kumparan:CategoryMap), a relative path taken from the content folder's parent; null when none is.</summary>
    public static string? CategoryMap(string? configured, string contentPath) =>
        string.IsNullOrWhiteSpace(configured)
            ? null
            : Path.GetFullPath(configured, Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(contentPath)) ?? contentPath);
}
