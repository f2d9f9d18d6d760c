using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Kumparan.Tests.Support;
using Xunit.Abstractions;

namespace Kumparan.Tests.Import;

/// <summary>
/// A newsroom's whole archive in one export: 100,000 posts, imported by the real command in its own
/// process, whose peak memory is read from the kernel while it runs. Bounded means it does not grow
/// with the export: the 100,000-post import peaks within a small margin of a 1,000-post one.
/// </summary>
public sealed partial class LargeExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task AHundredThousandPostExportImportsInTheMemoryOfAThousandPostOne()
    {
        var map = _folder.Write("map.yml", "default: kumparannews\ncategories:\n  ekonomi: kumparanbisnis\n  teknologi: kumparantech\n");
        var small = await Import(Write("kecil.xml", 1_000), map, "kecil");
        var large = await Import(Write("besar.xml", 100_000), map, "besar");

        output.WriteLine($"1,000 posts: peak {small.PeakMegabytes} MB; 100,000 posts ({new FileInfo(Path.Combine(_folder.Path, "besar.xml")).Length / 1_000_000} MB export): peak {large.PeakMegabytes} MB in {large.Seconds:N0} s");
        output.WriteLine(large.Report);
        Assert.Equal(0, large.ExitCode);
        Assert.Contains("Imported: 100,000 articles (100,000 new, 0 updated, 0 unchanged)", large.Report, StringComparison.Ordinal);
        Assert.Contains("  Ekonomi → kumparanbisnis: 25,000 posts", large.Report, StringComparison.Ordinal);
        Assert.True(large.PeakMegabytes < small.PeakMegabytes + 64, $"peak {large.PeakMegabytes} MB for 100,000 posts against {small.PeakMegabytes} MB for 1,000");
    }

    // Posts as a newsroom writes them, small: what is measured is what grows with their number.
    private string Write(string name, int posts)
    {
        var path = Path.Combine(_folder.Path, name);
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = false });
        writer.WriteStartElement("rss");
        writer.WriteAttributeString("version", "2.0");
        writer.WriteAttributeString("xmlns", "content", null, "http://purl.org/rss/1.0/modules/content/");
        writer.WriteAttributeString("xmlns", "wp", null, "http://wordpress.org/export/1.2/");
        writer.WriteAttributeString("xmlns", "dc", null, "http://purl.org/dc/elements/1.1/");
        writer.WriteStartElement("channel");
        writer.WriteElementString("title", "Arsip Besar");
        writer.WriteElementString("link", "https://arsip.example.id");
        writer.WriteElementString("wxr_version", "http://wordpress.org/export/1.2/", "1.2");
        string[] categories = ["politik", "ekonomi", "teknologi", "opini"];
        for (var i = 1; i <= posts; i++)
        {
            var published = new DateTime(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 97L);
            writer.WriteStartElement("item");
            writer.WriteElementString("title", $"Berita nomor {i} dari arsip");
            writer.WriteElementString("link", $"https://arsip.example.id/{published:yyyy/MM/dd}/berita-{i}/");
            writer.WriteElementString("creator", "http://purl.org/dc/elements/1.1/", "redaksi");
            writer.WriteStartElement("encoded", "http://purl.org/rss/1.0/modules/content/");
            writer.WriteCData($"<p>Paragraf pertama berita {i} tentang warga, harga beras dan jalan tol.</p>\n<p>Paragraf kedua dengan <a href=\"https://arsip.example.id/?p={Math.Max(1, i - 1)}\">berita sebelumnya</a>.</p>");
            writer.WriteEndElement();
            writer.WriteElementString("post_id", "http://wordpress.org/export/1.2/", i.ToString(CultureInfo.InvariantCulture));
            writer.WriteElementString("post_date_gmt", "http://wordpress.org/export/1.2/", published.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            writer.WriteElementString("post_name", "http://wordpress.org/export/1.2/", $"berita-{i}");
            writer.WriteElementString("status", "http://wordpress.org/export/1.2/", "publish");
            writer.WriteElementString("post_type", "http://wordpress.org/export/1.2/", "post");
            writer.WriteStartElement("category");
            writer.WriteAttributeString("domain", "category");
            writer.WriteAttributeString("nicename", categories[i % 4]);
            writer.WriteString(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(categories[i % 4]));
            writer.WriteEndElement();
            writer.WriteStartElement("category");
            writer.WriteAttributeString("domain", "post_tag");
            writer.WriteAttributeString("nicename", $"topik-{i % 500}");
            writer.WriteString($"Topik {i % 500}");
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        return path;
    }

    private async Task<(int ExitCode, string Report, long PeakMegabytes, double Seconds)> Import(string export, string map, string site)
    {
        var data = Path.Combine(_folder.Path, site, "data");
        var content = Path.Combine(_folder.Path, site, "content");
        Directory.CreateDirectory(content);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder.Path };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Kumparan.Web.dll"), "import", "wordpress", export, "--map", map })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Kumparan__ContentPath"] = content;
        start.Environment["Kumparan__DataPath"] = data;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var report = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakKilobytes(process.Id));
            await Task.Delay(50);
        }

        await process.WaitForExitAsync();
        Assert.True(peak > 0, "the peak memory of the import could not be read");
        Assert.True(await errors is "", await errors);
        return (process.ExitCode, await report, peak / 1024, clock.Elapsed.TotalSeconds);
    }

    // The kernel's high-water mark of the process's resident memory; 0 once it has gone.
    private static long PeakKilobytes(int pid)
    {
        try
        {
            var match = HighWaterMark().Match(File.ReadAllText($"/proc/{pid}/status"));
            return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [GeneratedRegex(@"VmHWM:\s+(\d+) kB")]
    private static partial Regex HighWaterMark();

    public void Dispose() => _folder.Dispose();
}
