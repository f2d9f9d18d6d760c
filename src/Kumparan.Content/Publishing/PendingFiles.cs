namespace Kumparan.Content.Publishing;

/// <summary>What a file event means for the synchronization.</summary>
public enum ChangeKind
{
    /// <summary>Not content: an editor's temporary file, media, anything else.</summary>
    Ignore,

    /// <summary>An article or page file: debounce it by its path.</summary>
    File,

    /// <summary>A folder (or something unknown) under articles/ or pages/: only a full reconcile sees what it held.</summary>
    Folder,
}

/// <summary>What a file event says about the file's writer.</summary>
public enum FileEvent
{
    /// <summary>Something changed; whether a writer is still at work is unknown (no close events): the settle rule decides.</summary>
    Changed,

    /// <summary>Written to, or created, and not closed yet (Linux inotify): the file is not read until it is closed.</summary>
    Writing,

    /// <summary>Closed after writing, or moved into place whole (Linux inotify): the file can be read at once.</summary>
    Closed,

    /// <summary>Metadata only (a touch): read at once unless a writer still has it open.</summary>
    Touched,
}

/// <summary>
/// The files the watcher heard about and has not synchronized yet. Where the system reports that a
/// writer closed a file (Linux inotify), a file is settled as soon as it is closed or moved into place
/// whole, and never while a writer still has it open, however long the writer pauses (up to
/// <paramref name="openWriterLimit"/>, against a lost close event). Elsewhere the settle rule decides:
/// no event for the debounce time and a modification time at least that old (or size and time did not
/// move between two looks). A vanished path counts as deleted only after the grace time, so a
/// rename-over-save (the file briefly disappears) is an edit. Not thread-safe: the watcher's loop owns it.
/// </summary>
public sealed class PendingFiles(string contentRoot, TimeSpan debounce, TimeSpan deleteGrace, TimeSpan? openWriterLimit = null)
{
    private sealed class Entry
    {
        public long LastEvent;
        public long Size = -1;
        public long ModifiedTicks = -1;
        public FileEvent State = FileEvent.Changed;
    }

    private readonly double _openWriterLimit = (openWriterLimit ?? TimeSpan.FromMinutes(10)).TotalMilliseconds;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public IReadOnlyCollection<string> Paths => _entries.Keys;

    /// <summary>A picture in content/media (by its name): its articles are read again when it changes.</summary>
    public static bool IsPicture(string relativePath) =>
        relativePath.StartsWith("media/", StringComparison.Ordinal) && Media.MediaInspector.FormatOfName(relativePath) is not null;

    /// <summary>Classifies a path relative to the content folder (forward slashes).</summary>
    public static ChangeKind Classify(string relativePath)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        if (IsEditorTemporary(name) || relativePath.Split('/').Any(p => p.StartsWith('.')))
        {
            return ChangeKind.Ignore;
        }

        if (ContentFolder.IsContentPath(relativePath) || IsPicture(relativePath))
        {
            return ChangeKind.File;
        }

        var inContent = relativePath is "articles" or "pages"
            || relativePath.StartsWith("articles/", StringComparison.Ordinal)
            || relativePath.StartsWith("pages/", StringComparison.Ordinal);
        // A name without an extension under articles/ or pages/ is a folder being added, removed or renamed.
        return inContent && !Path.HasExtension(name) ? ChangeKind.Folder : ChangeKind.Ignore;
    }

    /// <summary>Vim's swap files and its "4913" write test, backups ("~"), Emacs locks (".#"), hidden files, temporary saves.</summary>
    public static bool IsEditorTemporary(string name) =>
        name.Length == 0
        || name.StartsWith('.')
        || name.EndsWith('~')
        || name == "4913"
        || name.EndsWith(".swp", StringComparison.Ordinal)
        || name.EndsWith(".swx", StringComparison.Ordinal)
        || name.EndsWith(".swo", StringComparison.Ordinal)
        || name.EndsWith(".tmp", StringComparison.Ordinal)
        || name.EndsWith(".part", StringComparison.Ordinal);

    public void Heard(string path, long tick, FileEvent what = FileEvent.Changed)
    {
        if (!_entries.TryGetValue(path, out var entry))
        {
            _entries[path] = entry = new Entry();
        }

        entry.LastEvent = Math.Max(entry.LastEvent, tick);
        // A touch of a file that a writer still has open says nothing about the writer.
        entry.State = what == FileEvent.Touched && entry.State == FileEvent.Writing ? FileEvent.Writing : what;
    }

    /// <summary>The paths that are ready to synchronize at <paramref name="tick"/> (milliseconds, monotonic).</summary>
    public HashSet<string> Settled(long tick, DateTime utcNow)
    {
        var settled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, entry) in _entries)
        {
            var quiet = tick - entry.LastEvent;
            if (entry.State is FileEvent.Closed or FileEvent.Touched)
            {
                // Closed by its writer or moved into place whole: complete now, no settle wait.
                if (File.Exists(Path.Combine(contentRoot, path)) || quiet >= deleteGrace.TotalMilliseconds)
                {
                    settled.Add(path);
                }

                continue;
            }

            if (entry.State == FileEvent.Writing && quiet < _openWriterLimit)
            {
                continue; // A writer has it open: a pause mid-file is not the end of the file.
            }

            if (quiet < debounce.TotalMilliseconds)
            {
                continue;
            }

            var file = new FileInfo(Path.Combine(contentRoot, path));
            if (!file.Exists)
            {
                if (quiet >= deleteGrace.TotalMilliseconds)
                {
                    settled.Add(path);
                }

                continue;
            }

            var (size, modified) = (file.Length, file.LastWriteTimeUtc.Ticks);
            var sameAsBefore = size == entry.Size && modified == entry.ModifiedTicks;
            if (sameAsBefore || utcNow - file.LastWriteTimeUtc >= debounce)
            {
                settled.Add(path);
            }
            else
            {
                // Still being written: look again one debounce later.
                (entry.Size, entry.ModifiedTicks, entry.LastEvent) = (size, modified, tick);
            }
        }

        return settled;
    }

    /// <summary>When the oldest of the given paths was last heard of.</summary>
    public long OldestEvent(IEnumerable<string> paths) =>
        paths.Select(p => _entries.TryGetValue(p, out var e) ? e.LastEvent : long.MaxValue).DefaultIfEmpty(long.MaxValue).Min();

    public void Remove(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            _entries.Remove(path);
        }
    }
}
