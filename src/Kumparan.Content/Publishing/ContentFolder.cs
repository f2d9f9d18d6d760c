namespace Kumparan.Content.Publishing;

/// <summary>A file found in the content folder.</summary>
/// <param name="Path">Relative to the content folder, with forward slashes: "articles/kumparannews/x.md".</param>
public sealed record ContentFileInfo(string Path, string FullPath, long Size, long ModifiedTicks)
{
    public bool IsPage => Path.StartsWith("pages/", StringComparison.Ordinal);
}

/// <summary>Finds the Markdown files of a content folder: articles/**/*.md and pages/*.md.</summary>
public static class ContentFolder
{
    // Symbolic links are never followed (no loops, nothing outside the folder); hidden files
    // (".#draft.md" lock files of Emacs, ".foo.md.swp") are editors' business, not content.
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
        IgnoreInaccessible = true,
        MaxRecursionDepth = 16,
        MatchCasing = MatchCasing.CaseSensitive,
    };

    public static List<ContentFileInfo> Scan(string root)
    {
        var files = new List<ContentFileInfo>();
        Add(files, root, "articles", recurse: true);
        Add(files, root, "pages", recurse: false);
        return files;
    }

    /// <summary>Whether a path (relative, forward slashes) is one the site reads: editors' temporary files are not.</summary>
    public static bool IsContentPath(string relativePath)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        return name.EndsWith(".md", StringComparison.Ordinal)
            && !name.StartsWith('.')
            && (relativePath.StartsWith("articles/", StringComparison.Ordinal)
                || (relativePath.StartsWith("pages/", StringComparison.Ordinal) && relativePath.Count(c => c == '/') == 1));
    }

    /// <summary>
    /// One file of the folder, by relative path, under the same rules as <see cref="Scan"/>: no symbolic
    /// link and no hidden name anywhere on the way. Null when it is not (or no longer) a content file.
    /// </summary>
    public static ContentFileInfo? Stat(string root, string relativePath)
    {
        if (!IsContentPath(relativePath))
        {
            return null;
        }

        var parts = relativePath.Split('/');
        if (parts.Length > Options.MaxRecursionDepth + 2 || parts.Any(p => p.Length == 0 || p.StartsWith('.') || p == ".."))
        {
            return null;
        }

        var current = root;
        foreach (var part in parts.SkipLast(1))
        {
            current = System.IO.Path.Combine(current, part);
            var directory = new DirectoryInfo(current);
            if (!directory.Exists || directory.LinkTarget is not null)
            {
                return null;
            }
        }

        var file = new FileInfo(System.IO.Path.Combine(root, relativePath));
        return file.Exists && file.LinkTarget is null && (file.Attributes & Options.AttributesToSkip) == 0
            ? new ContentFileInfo(relativePath, file.FullName, file.Length, file.LastWriteTimeUtc.Ticks)
            : null;
    }

    public static string Relative(string root, string fullPath) =>
        System.IO.Path.GetRelativePath(root, fullPath).Replace('\\', '/');

    private static void Add(List<ContentFileInfo> files, string root, string folder, bool recurse)
    {
        var directory = new DirectoryInfo(System.IO.Path.Combine(root, folder));
        if (!directory.Exists || directory.LinkTarget is not null)
        {
            return;
        }

        var options = recurse ? Options : new EnumerationOptions
        {
            RecurseSubdirectories = false,
            AttributesToSkip = Options.AttributesToSkip,
            IgnoreInaccessible = true,
            MatchCasing = MatchCasing.CaseSensitive,
        };
        foreach (var file in directory.EnumerateFiles("*.md", options))
        {
            var relative = Relative(root, file.FullName);
            if (IsContentPath(relative))
            {
                files.Add(new ContentFileInfo(relative, file.FullName, file.Length, file.LastWriteTimeUtc.Ticks));
            }
        }
    }
}
