using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NetVips;

namespace Kumparan.Content.Media;

/// <summary>
/// Makes and keeps the variants of the pictures in content/media: every width in AVIF, WebP and JPEG
/// (PNG for graphics), upright, without metadata (no camera, no location), and the link-preview crop.
/// They are kept on disk by fingerprint, so each version of a picture is made once. A queue makes them
/// in the background with <see cref="ImageOptions.Workers"/> at a time; a reader who asks first has the
/// one variant made at once (at most <see cref="ImageOptions.OnDemand"/> at a time), never a 404.
/// </summary>
public sealed partial class VariantMaker : IDisposable
{
    private const string Complete = "complete";

    private readonly MediaInspector _inspector;
    private readonly string _root;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _onDemand;
    private readonly Channel<MediaImage> _queue = Channel.CreateUnbounded<MediaImage>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];

    public VariantMaker(MediaInspector inspector, string variantsRoot, ILogger logger)
    {
        _inspector = inspector;
        _root = variantsRoot;
        _logger = logger;
        _onDemand = new SemaphoreSlim(Math.Max(1, inspector.Options.OnDemand));
    }

    private ImageOptions Options => _inspector.Options;

    public string Root => _root;

    public MediaInspector Inspector => _inspector;

    /// <summary>Pictures waiting for the background or being made.</summary>
    public int Pending => _queued.Count;

    /// <summary>Starts the background workers.</summary>
    public void Start()
    {
        lock (_workers)
        {
            if (_workers.Count > 0)
            {
                return;
            }

            for (var i = 0; i < Options.Workers; i++)
            {
                _workers.Add(Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning).Unwrap());
            }
        }
    }

    /// <summary>Asks for all variants of a picture in the background (nothing when they are made already).</summary>
    public void Want(MediaImage image)
    {
        if (Options.Workers > 0 && !File.Exists(PathOf(image.Hash, Complete)) && _queued.TryAdd(image.Hash, 0))
        {
            _queue.Writer.TryWrite(image);
        }
    }

    public bool IsComplete(string hash) => File.Exists(PathOf(hash, Complete));

    public string PathOf(string hash, string key) => Path.Combine(_root, Variants.FileName(hash, key));

    /// <summary>
    /// The file of a variant a reader asked for: made now if the background has not got to it. Null when
    /// the URL names no variant of the picture's current version.
    /// </summary>
    public async Task<string?> GetAsync(VariantRequest request, CancellationToken cancel)
    {
        var path = PathOf(request.Hash, request.Key);
        if (File.Exists(path))
        {
            return path;
        }

        if (Source(request) is not { } image || !IsVariantOf(image, request))
        {
            return null;
        }

        Want(image);
        await _onDemand.WaitAsync(cancel);
        try
        {
            if (!File.Exists(path))
            {
                using var source = Decode(image, request.Width == 0 ? Math.Max(Variants.OgWidth, Variants.OgHeight * image.Width / image.Height) : request.Width);
                if (request.Width == 0)
                {
                    SaveOg(image, source);
                }
                else
                {
                    Save(image, source, request.Width, request.Format);
                }
            }

            return path;
        }
        finally
        {
            _onDemand.Release();
        }
    }

    // The picture in content/media with the request's name (whatever its extension) and fingerprint.
    private MediaImage? Source(VariantRequest request)
    {
        foreach (var extension in Extensions)
        {
            var name = request.Stem + extension;
            if (MediaInspector.IsSafeName(name) && File.Exists(Path.Combine(_inspector.MediaRoot, name))
                && _inspector.Check(name).Image is { } image && image.Hash == request.Hash)
            {
                return image;
            }
        }

        return null;
    }

    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg", ".JPG", ".JPEG", ".PNG"];

    /// <summary>Whether the request's width and format are among those made of this picture.</summary>
    public bool IsVariantOf(MediaImage image, VariantRequest request) =>
        request.Width == 0
        || (Variants.WidthsFor(image.Width, Options.Widths).Contains(request.Width)
            && Variants.FormatsAt(request.Width, image.Graphic, Options.AvifMaxWidth).Contains(request.Format));

    /// <summary>Makes every variant of a picture now, on this thread.</summary>
    public void MakeAll(MediaImage image)
    {
        var widths = Variants.WidthsFor(image.Width, Options.Widths);
        using var source = Decode(image, Math.Max(widths[^1], Variants.OgSize(image.Width, image.Height).Width));
        foreach (var width in widths)
        {
            foreach (var format in Variants.FormatsAt(width, image.Graphic, Options.AvifMaxWidth))
            {
                if (!File.Exists(PathOf(image.Hash, $"{width}.{format}")))
                {
                    Save(image, source, width, format);
                }
            }
        }

        if (!File.Exists(PathOf(image.Hash, "og.jpg")))
        {
            SaveOg(image, source);
        }

        File.WriteAllBytes(PathOf(image.Hash, Complete), []);
    }

    // The picture decoded once, upright, at the width of its largest variant (a JPEG decodes at a
    // fraction of its size when that is enough), in sRGB, held in memory for the widths and formats.
    private Image Decode(MediaImage image, int width)
    {
        VipsBounds.Configure();
        var file = Path.Combine(_inspector.MediaRoot, image.Name);
        var target = Math.Min(width, image.Width);
        using var loaded = Image.Thumbnail(file, target, height: 10_000_000, size: Enums.Size.Down, failOn: Enums.FailOn.Error);
        return loaded.CopyMemory();
    }

    private void Save(MediaImage image, Image source, int width, string format)
    {
        var height = Variants.HeightAt(width, image.Width, image.Height);
        using var sized = source.Width == width && source.Height == height
            ? source.Copy()
            : source.Resize((double)width / source.Width, vscale: (double)height / source.Height, kernel: Enums.Kernel.Lanczos3);
        var bytes = format switch
        {
            "avif" => sized.HeifsaveBuffer(q: Options.AvifQuality, compression: Enums.ForeignHeifCompression.Av1, effort: Options.AvifEffort, keep: Enums.ForeignKeep.None),
            "webp" => sized.WebpsaveBuffer(q: Options.WebpQuality, effort: 4, keep: Enums.ForeignKeep.None),
            "png" => sized.PngsaveBuffer(compression: 9, keep: Enums.ForeignKeep.None),
            _ => Flatten(sized).JpegsaveBuffer(q: Options.JpegQuality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
        };
        Write(PathOf(image.Hash, $"{width}.{format}"), bytes);
    }

    private void SaveOg(MediaImage image, Image source)
    {
        var (width, height) = Variants.OgSize(image.Width, image.Height);
        using var crop = source.ThumbnailImage(width, height: height, crop: Enums.Interesting.Attention, size: Enums.Size.Down);
        using var exact = crop.Width == width && crop.Height == height
            ? crop.Copy()
            : crop.Resize((double)width / crop.Width, vscale: (double)height / crop.Height);
        Write(PathOf(image.Hash, "og.jpg"), Flatten(exact).JpegsaveBuffer(q: 82, optimizeCoding: true, keep: Enums.ForeignKeep.None));
    }

    // JPEG has no transparency: a picture with it is laid on white.
    private static Image Flatten(Image image) => image.HasAlpha() ? image.Flatten(background: [255, 255, 255]) : image;

    // Written aside and moved in, so a reader never gets half a file and a crash leaves no partial variant.
    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private async Task Work()
    {
        try
        {
            await foreach (var image in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    if (!IsComplete(image.Hash) && _inspector.Check(image.Name).Image?.Hash == image.Hash)
                    {
                        var started = System.Diagnostics.Stopwatch.GetTimestamp();
                        MakeAll(image);
                        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        LogMade(image.Name, elapsed);
                    }
                }
                catch (Exception e) when (e is VipsException or IOException or UnauthorizedAccessException)
                {
                    LogFailed(image.Name, e.Message.Split('\n')[0]);
                }
                finally
                {
                    _queued.TryRemove(image.Hash, out _);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made the variants of content/media/{Name} in {Elapsed:0} ms")]
    private partial void LogMade(string name, double elapsed);

    [LoggerMessage(Level = LogLevel.Error, Message = "content/media/{Name}: its variants could not be made ({Reason}). Export or copy the picture again.")]
    private partial void LogFailed(string name, string reason);

    public void Dispose()
    {
        _stop.Cancel();
        _queue.Writer.TryComplete();
        try
        {
            Task.WaitAll([.. _workers], TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }
}
