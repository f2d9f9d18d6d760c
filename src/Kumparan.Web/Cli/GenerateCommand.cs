using System.Buffers;
using System.Globalization;
using System.Text;
using Kumparan.Content;
using Kumparan.Content.Articles;

namespace Kumparan.Web.Cli;

/// <summary>
/// <c>generate N FOLDER [--seed S] [--first K] [--until TIME [--every MINUTES]] [--skew]</c>: writes N
/// realistic Indonesian-like articles into FOLDER/articles/{channel}/ for benchmarks (front matter,
/// headings, lists, links, quotes, 100-1,500 words, about 450 on average). The same arguments always
/// give the same files. Articles are numbered from K (default 0): each number has its own time and
/// slug, so a second folder generated with --first after the first one's N adds articles instead of
/// duplicates. By default article i is dated in hour i from 2024-01-01 (WIB).
/// For a newsroom's archive: <c>--until TIME</c> (ISO 8601, or <c>now</c>: the current minute) dates
/// article i exactly <c>TIME - i * MINUTES</c> (<c>--every</c>, default 5), all published by TIME;
/// <c>--skew</c> draws topics and authors as an archive has them, a few very common and a long tail
/// (see <see cref="ArticleGenerator"/>). Articles are made one after the other (one random sequence)
/// and written by all cores while the next ones are made.
/// </summary>
public static class GenerateCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private const int Batch = 1024;

    public static int Run(string[] args, TextWriter output) => Run(args, output, TimeProvider.System);

    public static int Run(string[] args, TextWriter output, TimeProvider clock)
    {
        var seed = 42;
        var first = 0;
        DateTimeOffset? until = null;
        var every = 5;
        var skew = false;
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--seed" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s))
            {
                seed = s;
                i++;
            }
            else if (args[i] == "--first" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var f) && f >= 0)
            {
                first = f;
                i++;
            }
            else if (args[i] == "--until" && i + 1 < args.Length && ParseTime(args[i + 1], clock) is { } u)
            {
                until = u;
                i++;
            }
            else if (args[i] == "--every" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var e) && e >= 1)
            {
                every = e;
                i++;
            }
            else if (args[i] == "--skew")
            {
                skew = true;
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        if (positional.Count != 2 || !int.TryParse(positional[0], CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            output.WriteLine("usage: generate N FOLDER [--seed S] [--first K] [--until TIME|now [--every MINUTES]] [--skew]   (writes N articles into FOLDER/articles/{channel}/)");
            return 2;
        }

        if (until is { } end && (first + (double)count - 1) * every >= (end - DateTimeOffset.UnixEpoch).TotalMinutes)
        {
            output.WriteLine($"generate: {first + count:N0} articles every {every} minutes reach back before 1970 from {end:yyyy-MM-dd'T'HH:mm:sszzz}");
            return 2;
        }

        var folder = Path.GetFullPath(positional[1]);
        var channels = new KumparanOptions().Channels.Keys.ToArray();
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var channel in channels)
        {
            folders[channel] = Directory.CreateDirectory(Path.Combine(folder, "articles", channel)).FullName;
        }

        var generator = new ArticleGenerator(seed, until, every, skew);
        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        var authors = new Dictionary<string, int>(StringComparer.Ordinal);
        long words = 0;
        // Made in order on this thread (one random sequence: the same files whatever the cores), written
        // by the others a batch behind.
        var writing = Task.CompletedTask;
        for (var start = 0; start < count; start += Batch)
        {
            var batch = new (string Path, string Text)[Math.Min(Batch, count - start)];
            for (var j = 0; j < batch.Length; j++)
            {
                var article = generator.Next(first + start + j, channels);
                words += article.Words;
                Count(topics, article.Topics);
                Count(authors, article.Authors);
                batch[j] = (Path.Join(folders[article.Channel], article.Slug + ".md"), article.Text);
            }

            writing.GetAwaiter().GetResult();
            writing = Task.Run(() => Parallel.ForEach(batch, file => Write(file.Path, file.Text)));
        }

        writing.GetAwaiter().GetResult();
        output.WriteLine($"Wrote {count:N0} articles ({words:N0} words, {words / count:N0} on average) to {folder}/articles");
        if (until is { } last)
        {
            var newest = last.AddMinutes(-(double)first * every);
            var oldest = last.AddMinutes(-(first + (double)count - 1) * every);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Dated from {oldest:yyyy-MM-dd'T'HH:mm:sszzz} to {newest:yyyy-MM-dd'T'HH:mm:sszzz}, one every {every} minutes"));
        }

        Summarize(output, "Topics", "/topic/", topics, count);
        Summarize(output, "Authors", "/penulis/", authors, count);
        return 0;
    }

    /// <summary><c>now</c> (the current minute, so that every article is already published) or an ISO 8601 time, in WIB.</summary>
    private static DateTimeOffset? ParseTime(string text, TimeProvider clock)
    {
        if (text == "now")
        {
            var now = clock.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).ToOffset(Wib);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToOffset(Wib)
            : null;
    }

    private static void Count(Dictionary<string, int> counts, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
    }

    // "Topics: 3,456 in all; most common Ekonomi (/topic/ekonomi) in 3,312 articles (33.1%)": the
    // benchmark scripts take the biggest topic's and author's pages from these lines.
    private static void Summarize(TextWriter output, string label, string path, Dictionary<string, int> counts, int articles)
    {
        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label}: {counts.Count:N0} in all; most common {top.Key} ({path}{Slug.FromName(top.Key)}) in {top.Value:N0} articles ({100.0 * top.Value / articles:0.0}%)"));
    }

    // One write of the whole file (as File.WriteAllText with UTF-8 without BOM gives, in one system call).
    private static void Write(string path, string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(text.Length));
        try
        {
            var length = Utf8.GetBytes(text, buffer);
            using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
            RandomAccess.Write(handle, buffer.AsSpan(0, length), 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
