using BenchmarkDotNet.Attributes;
using Kumparan.Content;
using Kumparan.Content.Ads;
using Kumparan.Content.Articles;
using Kumparan.Content.Rendering;

namespace Kumparan.Benchmarks;

/// <summary>The pure pieces of the pipeline, on the seed article: front matter, Markdown, reading time, ad slots, the whole parse.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private readonly KumparanOptions _options = new();
    private byte[] _bytes = [];
    private SourceParts _parts = null!;
    private IReadOnlyList<BodyBlock> _blocks = [];
    private string _plainText = "";
    private ParseContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Kumparan.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run inside the repository.");
        }

        var content = Path.Combine(root, "content");
        _bytes = File.ReadAllBytes(Path.Combine(content, "articles", "kumparannews", "pasukan-korut-dilaporkan-tak-lagi-bantu-rusia-berperang-sejak-januari.md"));
        _parts = SourceText.Split(SourceText.Decode(_bytes));
        var body = MarkdownRenderer.Render(_parts.Body, _parts.BodyLine);
        _blocks = body.Blocks;
        _plainText = body.PlainText;
        _context = new ParseContext(_options, Path.Combine(content, "media"));
    }

    [Benchmark]
    public YamlMap FrontMatter() => FrontMatterReader.Read(_parts.FrontMatter, _parts.FrontMatterLine);

    [Benchmark]
    public RenderedBody Markdown() => MarkdownRenderer.Render(_parts.Body, _parts.BodyLine);

    [Benchmark]
    public int ReadingMinutes() => ReadingTime.Minutes(TextStatistics.Of(_plainText), _options.Reading);

    [Benchmark]
    public IReadOnlyList<int> AdSlots() => AdPlacement.Place(_blocks, _options.Ads);

    [Benchmark]
    public ArticleParseResult WholeArticle() => ArticleParser.Parse("articles/kumparannews/seed.md", _bytes, _context);
}
