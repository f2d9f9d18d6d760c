namespace Kumparan.Content.Publishing;

/// <summary>A file found in the content folder.</summary>
/// <param name="Path">Relative to the content folder, with forward slashes: "articles/kumparannews/x.md".</param>
public sealed record ContentFileInfo(string Path, long Size, long ModifiedTicks)
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

    /// <summary>The folders that hold content, relative: "pages", then "articles" and every folder below it (no symbolic links, no hidden names).</summary>
    public static IEnumerable<string> Directories(string root)
    {
        if (IsFollowed(System.IO.Path.Combine(root, "pages")))
        {
            yield return "pages";
        }

        var pending = new Stack<(string Relative, int Depth)>();
        if (IsFollowed(System.IO.Path.Combine(root, "articles")))
        {
            pending.Push(("articles", 0));
        }

        while (pending.TryPop(out var current))
        {
            yield return current.Relative;
            if (current.Depth >= Options.MaxRecursionDepth)
            {
                continue;
            }

            IEnumerable<DirectoryInfo> children;
            try
            {
                children = new DirectoryInfo(System.IO.Path.Combine(root, current.Relative)).EnumerateDirectories("*", new EnumerationOptions
                {
                    RecurseSubdirectories = false,
                    AttributesToSkip = Options.AttributesToSkip,
                    IgnoreInaccessible = true,
                }).Where(d => !d.Name.StartsWith('.') && d.LinkTarget is null).OrderByDescending(d => d.Name, StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // Removed or unreadable while we looked: the next reconcile sees it.
            }

            foreach (var child in children)
            {
                pending.Push((current.Relative + "/" + child.Name, current.Depth + 1));
            }
        }
    }

    /// <summary>The content files directly in <paramref name="directory"/> (relative).</summary>
    public static List<ContentFileInfo> Files(string root, string directory)
    {
        var files = new List<ContentFileInfo>();
        Add(files, root, directory, recurse: false);
        return files;
    }

    /// <summary>The folder part of a relative path ("articles/kumparannews" of "articles/kumparannews/x.md").</summary>
    public static string DirectoryOf(string relativePath) => relativePath[..Math.Max(0, relativePath.LastIndexOf('/'))];

    private static bool IsFollowed(string path)
    {
        var directory = new DirectoryInfo(path);
        return directory.Exists && directory.LinkTarget is null;
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
            ? new ContentFileInfo(relativePath, file.Length, file.LastWriteTimeUtc.Ticks)
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
                files.Add(new ContentFileInfo(relative, file.Length, file.LastWriteTimeUtc.Ticks));
            }
        }
    }
}
