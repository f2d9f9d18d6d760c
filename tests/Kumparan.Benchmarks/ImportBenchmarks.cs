using BenchmarkDotNet.Attributes;
using Kumparan.Content.Import;

namespace Kumparan.Benchmarks;

/// <summary>
/// A WordPress post's HTML to Markdown at 50 KB and 5 MB: the time grows with the size (a walk that
/// went back over what it wrote would grow with its square).
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private const string Paragraph = "<p>Harga <strong>cabai</strong> naik &amp; [Foto: Antara] *x* lihat <a href=\"https://berita.example.com/x\">ini</a> http://a.example/b_c.</p>\n";

    private readonly HtmlToMarkdown _converter = new(new HtmlConversionOptions { SiteUrl = new Uri("https://berita.example.com/") });
    private string _post = "";

    [Params(50_000, 5_000_000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup() => _post = string.Concat(Enumerable.Repeat(Paragraph, Bytes / Paragraph.Length));

    [Benchmark]
    public int Convert() => _converter.Convert(_post).Markdown.Length;
}
