using System.Runtime.InteropServices;
using System.Text;
using Kumparan.Content.Publishing;

namespace Kumparan.Web.Hosting;

/// <summary>
/// File events of a folder tree from Linux's inotify, with what FileSystemWatcher leaves out: that a
/// writer closed a file (IN_CLOSE_WRITE). A file that is written to and not closed yet is still being
/// written, however long its writer pauses; a file closed after writing, or moved into place, is whole.
/// Every folder of the tree is watched (symbolic links are not followed); a new folder is watched as
/// it appears. Events are read on a thread of its own and handed to <paramref name="heard"/>.
/// </summary>
internal sealed partial class InotifyWatcher : IDisposable
{
    private const uint InModify = 0x2;
    private const uint InAttrib = 0x4;
    private const uint InCloseWrite = 0x8;
    private const uint InMovedFrom = 0x40;
    private const uint InMovedTo = 0x80;
    private const uint InCreate = 0x100;
    private const uint InDelete = 0x200;
    private const uint InDeleteSelf = 0x400;
    private const uint InMoveSelf = 0x800;
    private const uint InQueueOverflow = 0x4000;
    private const uint InIgnored = 0x8000;
    private const uint InOnlyDir = 0x0100_0000;
    private const uint InDontFollow = 0x0200_0000;
    private const uint InExcludeUnlinked = 0x0400_0000;
    private const uint InIsDir = 0x4000_0000;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x8_0000;
    private const short PollIn = 0x1;
    private const int Interrupted = 4;

    private const uint Mask = InModify | InAttrib | InCloseWrite | InMovedFrom | InMovedTo | InCreate | InDelete | InDeleteSelf | InMoveSelf
        | InOnlyDir | InDontFollow | InExcludeUnlinked;

    private readonly int _fd;
    private readonly Dictionary<int, string> _folders = [];
    private readonly Lock _foldersGate = new();
    private readonly Action<string, FileEvent> _heard;
    private readonly Action<string> _lost;
    private readonly Thread _reader;
    private volatile bool _stopping;

    /// <param name="heard">A file's full path and what happened to it.</param>
    /// <param name="lost">Events may have been missed (queue overflow, a folder added or removed): the reason; a full reconcile repairs it.</param>
    /// <exception cref="IOException">inotify is not available or its limits are reached.</exception>
    public InotifyWatcher(string root, Action<string, FileEvent> heard, Action<string> lost)
    {
        _heard = heard;
        _lost = lost;
        _fd = InotifyInit(NonBlocking | CloseOnExec);
        if (_fd < 0)
        {
            throw new IOException($"inotify_init1 failed (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            WatchTree(root, required: true);
        }
        catch
        {
            _ = Close(_fd);
            throw;
        }

        _reader = new Thread(Read) { IsBackground = true, Name = "content-events" };
        _reader.Start();
    }

    /// <summary>Whether this system can report closes (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    private void WatchTree(string folder, bool required)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.TryPop(out var current))
        {
            var wd = AddWatch(_fd, current, Mask);
            if (wd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (required && current == folder)
                {
                    throw new IOException($"inotify_add_watch {current} failed (errno {errno}; the limit is fs.inotify.max_user_watches)");
                }

                _lost($"cannot watch {current} (errno {errno})");
                continue;
            }

            lock (_foldersGate)
            {
                _folders[wd] = current;
            }

            try
            {
                foreach (var child in new DirectoryInfo(current).EnumerateDirectories())
                {
                    if (!child.Attributes.HasFlag(FileAttributes.ReparsePoint) && !child.Name.StartsWith('.'))
                    {
                        pending.Push(child.FullName);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _lost($"cannot list {current} ({e.Message})");
            }
        }
    }

    private unsafe void Read()
    {
        var buffer = new byte[64 * 1024];
        while (!_stopping)
        {
            var poll = new PollFd { Fd = _fd, Events = PollIn };
            var ready = Poll(&poll, 1, 250);
            if (ready <= 0)
            {
                if (ready < 0 && Marshal.GetLastPInvokeError() != Interrupted)
                {
                    _lost("poll on inotify failed");
                    Thread.Sleep(250);
                }

                continue;
            }

            nint length;
            fixed (byte* start = buffer)
            {
                length = ReadFd(_fd, start, (nuint)buffer.Length);
            }

            if (length <= 0)
            {
                continue; // EAGAIN: nothing after all.
            }

            Dispatch(buffer.AsSpan(0, (int)length));
        }
    }

    private void Dispatch(ReadOnlySpan<byte> events)
    {
        while (events.Length >= 16)
        {
            var wd = MemoryMarshal.Read<int>(events);
            var mask = MemoryMarshal.Read<uint>(events[4..]);
            var nameLength = MemoryMarshal.Read<int>(events[12..]);
            var rawName = events.Slice(16, nameLength);
            var end = rawName.IndexOf((byte)0);
            var name = Encoding.UTF8.GetString(end < 0 ? rawName : rawName[..end]);
            events = events[(16 + nameLength)..];
            if ((mask & InQueueOverflow) != 0)
            {
                _lost("the event queue overflowed");
                continue;
            }

            string? folder;
            lock (_foldersGate)
            {
                if ((mask & InIgnored) != 0)
                {
                    _folders.Remove(wd);
                    continue;
                }

                _folders.TryGetValue(wd, out folder);
            }

            if (folder is null)
            {
                continue;
            }

            if ((mask & (InDeleteSelf | InMoveSelf)) != 0)
            {
                _lost($"{folder} was removed or moved");
                continue;
            }

            var path = Path.Combine(folder, name);
            if ((mask & InIsDir) != 0)
            {
                if ((mask & (InCreate | InMovedTo)) != 0)
                {
                    WatchTree(path, required: false);
                }

                // What a folder held (or holds now) is seen only by listing it.
                _heard(path, FileEvent.Changed);
                continue;
            }

            var what = (mask & (InCloseWrite | InMovedTo)) != 0 ? FileEvent.Closed
                : (mask & (InModify | InCreate)) != 0 ? FileEvent.Writing
                : (mask & InAttrib) != 0 ? FileEvent.Touched
                : FileEvent.Changed; // deleted or moved away
            _heard(path, what);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _reader.Join();
        _ = Close(_fd);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInit(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int AddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadFd(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
