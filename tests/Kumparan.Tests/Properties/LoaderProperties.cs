using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kumparan.Fuzz;

namespace Kumparan.Tests.Properties;

/// <summary>
/// For any input the loader either accepts with safe output or rejects with file, line and column
/// (checked by <see cref="LoaderTarget"/>, which throws otherwise). Inputs are random bytes and,
/// more usefully, near-valid articles assembled from Markdown and YAML fragments that matter.
/// </summary>
public sealed class LoaderProperties
{
    private static readonly string[] Fragments =
    [
        "---\n", "title: Judul\n", "channel: kumparannews\n", "date: 2025-02-04T13:05:00+07:00\n", "date: 0001-01-01\n", "slug: a-b\n", "id: X1\n",
        "aliases: [\"/a\", \"//b\"]\n", "topics: [a, b]\n", "image: a.jpg\n", "corrections:\n  - type: Ralat\n    date: 2025-02-05\n    text: x\n",
        "\n", "Paragraf biasa.\n", "# Judul\n", "> kutip ", "- ", "1. ", "    kode\n", "```x\"><script>\n", "```\n", "[a](", "https://a.id", "javascript:",
        "&#x6A;avascript:", "java\tscript:", ")", "![i](", " \"t\\\"\")", "<script>", "<img onerror=x>", "<javascript:x>", "<https://b.id>", "*", "_", "`",
        "|a|b|\n|-|-|\n", "[r]: javascript:y\n", "[r]", "\u202E", "\u200B", "\r\n", "\r", "&a ", "*a", "!!str ", "{", "}", "[", "]", ":", "'", "\"", "\\",
    ];

    private static Arbitrary<string> NearArticles() =>
        Gen.Elements(Fragments).ListOf().Select(parts => "---\ntitle: A\nchannel: kumparannews\ndate: 2025-02-04\n" + string.Concat(parts)).ToArbitrary();

    [Property(MaxTest = 1000)]
    public void AnyBytesAreAcceptedSafelyOrRejectedWithAPosition(byte[] bytes) => LoaderTarget.Run(bytes);

    [Property(MaxTest = 1000)]
    public Property AnyNearArticleIsAcceptedSafelyOrRejectedWithAPosition() =>
        Prop.ForAll(NearArticles(), text => LoaderTarget.Run(Encoding.UTF8.GetBytes(text)));

    [Property(MaxTest = 300)]
    public Property AnyFragmentsAfterValidFrontMatterAreAcceptedSafelyOrRejectedWithAPosition() =>
        Prop.ForAll(Gen.Elements(Fragments).ListOf().Select(p => "---\ntitle: A\nchannel: kumparannews\ndate: 2025-02-04\n---\n" + string.Concat(p)).ToArbitrary(),
            text => LoaderTarget.Run(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void EverySeedCorpusFileIsAcceptedSafelyOrRejectedWithAPosition()
    {
        var corpus = Corpus.Load();
        Assert.True(corpus.Count >= 20, $"only {corpus.Count} corpus files found in {Corpus.Folder}");
        foreach (var (_, bytes) in corpus)
        {
            LoaderTarget.Run(bytes);
        }
    }
}
