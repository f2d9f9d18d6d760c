// Fixed-rate load client for tests/bench/faults.sh (a .NET 10 file-based app: dotnet run tests/bench/load.cs -- ...).
//   load BASE SECONDS RATE PATHS-FILE        80% articles (paths from the file), 10% home, 5% search, 5% 404
//   edits BASE CONTENT-DIR COUNT TIMED       COUNT rename-over-save edits of article files; the last TIMED are timed until the new title is served
// Prints one line: key=value pairs (requests, errors, p50/p99/max in ms; or save-to-visible percentiles).
using System.Diagnostics;
using System.Globalization;
using System.Net;

var invariant = CultureInfo.InvariantCulture;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, AllowAutoRedirect = args[0] == "edits" }) { Timeout = TimeSpan.FromSeconds(30) };
if (args[0] == "load")
{
    var (baseUrl, seconds, rate) = (args[1], int.Parse(args[2], invariant), int.Parse(args[3], invariant));
    var articles = File.ReadAllLines(args[4]).Where(l => l.Length > 0).ToArray();
    var random = new Random(7);
    var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
    var byKind = new System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentBag<double>>(StringComparer.Ordinal);
    long errors = 0, notFound = 0, requests = 0;
    var tasks = new List<Task>();
    var clock = Stopwatch.StartNew();
    var total = seconds * rate;
    for (var i = 0; i < total; i++)
    {
        // Fixed rate: request i starts at i/rate seconds whatever the answers do (no coordinated omission).
        var due = TimeSpan.FromSeconds((double)i / rate);
        var wait = due - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var roll = random.Next(100);
        var kind = roll < 80 ? "article" : roll < 90 ? "home" : roll < 95 ? "search" : "missing";
        var path = roll < 80 ? articles[random.Next(articles.Length)]
            : roll < 90 ? "/"
            : roll < 95 ? "/search?q=" + Uri.EscapeDataString(Queries.All[random.Next(Queries.All.Length)])
            : "/tidak-ada-" + random.Next(1000);
        tasks.Add(Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(baseUrl + path);
                await response.Content.ReadAsByteArrayAsync();
                if ((int)response.StatusCode >= 500)
                {
                    Interlocked.Increment(ref errors);
                }
                else if (response.StatusCode == HttpStatusCode.NotFound && !path.StartsWith("/tidak-ada", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref notFound); // an article that should be there was not: lost
                }
            }
            catch (Exception)
            {
                Interlocked.Increment(ref errors);
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            latencies.Add(elapsed);
            byKind.GetOrAdd(kind, _ => new System.Collections.Concurrent.ConcurrentBag<double>()).Add(elapsed);
            Interlocked.Increment(ref requests);
        }));
    }

    await Task.WhenAll(tasks);
    var sorted = latencies.Order().ToArray();
    // The p99 of each kind of request too, to tell which one a slow tail comes from.
    var kinds = string.Join(",", byKind.OrderBy(k => k.Key, StringComparer.Ordinal)
        .Select(k => string.Create(invariant, $"{k.Key}:{Percentile(k.Value.Order().ToArray(), 0.99):F1}")));
    Console.WriteLine(string.Create(invariant,
        $"requests={requests} errors={errors} lost_articles={notFound} p50_ms={Percentile(sorted, 0.50):F1} p99_ms={Percentile(sorted, 0.99):F1} max_ms={sorted[^1]:F1} achieved_rps={requests / clock.Elapsed.TotalSeconds:F0} p99_ms_by_kind={kinds}"));
}
else if (args[0] == "edits")
{
    var (baseUrl, content, count, timed) = (args[1], args[2], int.Parse(args[3], invariant), int.Parse(args[4], invariant));
    // Only articles the site serves now: a file it rejected (e.g. a generated duplicate id) would never
    // show its edit, and the wait would measure the script's choice instead of the site.
    var files = new List<string>();
    foreach (var candidate in Directory.GetFiles(Path.Combine(content, "articles"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
    {
        using var probe = await http.GetAsync(baseUrl + await PathOf(candidate, content));
        if (probe.IsSuccessStatusCode)
        {
            files.Add(candidate);
        }

        if (files.Count == count)
        {
            break;
        }
    }

    var visible = new List<double>();
    var half = 0;
    foreach (var (file, n) in files.Select((f, n) => (f, n)))
    {
        var text = File.ReadAllText(file);
        var lines = text.Split('\n');
        var titleLine = Array.FindIndex(lines, l => l.StartsWith("title:", StringComparison.Ordinal));
        var token = $"Suntingan{n}x{Environment.TickCount64}";
        var title = lines[titleLine]["title:".Length..].Trim().Trim('"', '\'').Replace("'", "''", StringComparison.Ordinal);
        lines[titleLine] = $"title: '{token} {title}'";
        // Rename-over-save, as editors do: write a temporary file, then rename it over the article.
        var temporary = file + ".tmp~";
        File.WriteAllText(temporary, string.Join('\n', lines));
        var saved = Stopwatch.StartNew();
        File.Move(temporary, file, overwrite: true);
        if (n < count - timed)
        {
            continue; // a burst of edits, not waited for
        }

        var path = await PathOf(file, content);
        while (saved.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await http.GetAsync(baseUrl + path);
            var html = await response.Content.ReadAsStringAsync();
            if (html.Contains(token, StringComparison.Ordinal))
            {
                // Half-updated would be the new title with another article's body or a broken page.
                if (!html.Contains("</html>", StringComparison.Ordinal))
                {
                    half++;
                }

                break;
            }

            await Task.Delay(20);
        }

        visible.Add(saved.Elapsed.TotalMilliseconds);
    }

    var sorted = visible.Order().ToArray();
    Console.WriteLine(string.Create(invariant,
        $"edits={sorted.Length} save_to_visible_p50_ms={Percentile(sorted, 0.5):F0} save_to_visible_p99_ms={Percentile(sorted, 0.99):F0} save_to_visible_max_ms={(sorted.Length == 0 ? 0 : sorted[^1]):F0} half_updated={half}"));
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

// The article's URL from its id line or its file name: the site redirects any slug to the canonical path.
static Task<string> PathOf(string file, string content)
{
    var relative = Path.GetRelativePath(Path.Combine(content, "articles"), file).Replace('\\', '/');
    var channel = relative.Split('/')[0];
    var idLine = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("id:", StringComparison.Ordinal));
    var slug = Path.GetFileNameWithoutExtension(file);
    return Task.FromResult(idLine is null ? $"/{channel}/{slug}" : $"/{channel}/{slug}-{idLine[3..].Trim()}");
}

internal static class Queries
{
    public static readonly string[] All = ["banjir", "timnas indonesia", "harga cabai", "\"gempa\" OR", "listrik*"];
}
