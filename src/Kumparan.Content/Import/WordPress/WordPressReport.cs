using System.Globalization;
using System.Text;

namespace Kumparan.Content.Import.WordPress;

/// <summary>What an import of a WordPress export did, for the newsroom that checks it before switching DNS.</summary>
public sealed class WordPressReport
{
    /// <summary>How many problems are listed with their item and line; the counts cover all.</summary>
    public const int ListedProblems = 30;

    public string Export { get; init; } = "";

    public string Version { get; set; } = "";

    public Uri? SiteUrl { get; set; }

    public int Items { get; set; }

    public int New { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Hidden { get; set; }

    public int Pages { get; set; }

    public int Redirects { get; set; }

    public int PicturesCopied { get; set; }

    public int PicturesOnOldHost { get; set; }

    /// <summary>Why items were not imported, with how many each.</summary>
    public SortedDictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

    public int Rejected { get; set; }

    public int Warnings { get; set; }

    /// <summary>Warnings by what they say (the converter's and the parser's), with how many items each.</summary>
    public Dictionary<string, int> WarningKinds { get; } = new(StringComparer.Ordinal);

    /// <summary>Category → channel, with the number of posts it decided.</summary>
    public SortedDictionary<string, (string Channel, int Posts)> Channels { get; } = new(StringComparer.Ordinal);

    /// <summary>Categories of the posts that fell to the default channel, with how many posts each ("(none)" for posts without one).</summary>
    public SortedDictionary<string, int> FellToDefault { get; } = new(StringComparer.Ordinal);

    public string? DefaultChannel { get; set; }

    /// <summary>The first problems, each with its item and line.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Why an export could not be read to its end (then the exit code is 2); one line per export.</summary>
    public string? Fatal { get; private set; }

    public void Fail(string problem) => Fatal = Fatal is null ? problem : Fatal + "\n" + problem;

    public TimeSpan Elapsed { get; set; }

    public int Imported => New + Updated + Unchanged;

    /// <summary>0: everything imported or skipped on purpose; 1: some items rejected; 2: the export could not be read to its end.</summary>
    public int ExitCode => Fatal is not null ? 2 : Rejected > 0 ? 1 : 0;

    public void Skip(string reason, int count = 1) => Skipped[reason] = Skipped.GetValueOrDefault(reason) + count;

    public void Problem(string text)
    {
        if (Problems.Count < ListedProblems)
        {
            Problems.Add(text);
        }
    }

    public void Warned(string kind)
    {
        Warnings++;
        WarningKinds[kind] = WarningKinds.GetValueOrDefault(kind) + 1;
    }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"WordPress export {Export} (WXR {(Version.Length > 0 ? Version : "?")}{(SiteUrl is null ? "" : ", " + SiteUrl)}): {Items:N0} items read in {Elapsed.TotalSeconds:N1} s.");
        text.AppendLine(c, $"Imported: {Imported:N0} articles ({New:N0} new, {Updated:N0} updated, {Unchanged:N0} unchanged), {Pages:N0} footer page{(Pages == 1 ? "" : "s")}; {Hidden:N0} imported earlier are hidden now (no longer published).");
        text.AppendLine(c, $"Old addresses: {Redirects:N0} answer 301 (posts' permalinks and ?p= links, attachment pages, categories, tags, authors, pages, feeds).");
        text.AppendLine(c, $"Pictures: {PicturesCopied:N0} copied into content/media/wp; {PicturesOnOldHost:N0} still point at the old site (give --uploads with its wp-content/uploads folder before switching DNS).");
        text.AppendLine(c, $"Skipped: {(Skipped.Count == 0 ? "nothing" : string.Join(", ", Skipped.Select(s => $"{s.Value:N0} {s.Key}")))}.");
        text.AppendLine(c, $"Rejected: {Rejected:N0} items{(Rejected > 0 ? " (below)" : "")}.");
        text.AppendLine(c, $"Warnings: {Warnings:N0}{(WarningKinds.Count == 0 ? "" : ": " + string.Join("; ", WarningKinds.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Take(12).Select(w => $"{w.Key} ({w.Value:N0})")))}.");
        text.AppendLine("Channel map:");
        foreach (var (category, (channel, posts)) in Channels)
        {
            text.AppendLine(c, $"  {category} → {channel}: {posts:N0} post{(posts == 1 ? "" : "s")}");
        }

        var fell = FellToDefault.Values.Sum();
        text.AppendLine(c, $"  default → {DefaultChannel ?? "(none: such posts are rejected; add \"default:\" to the map)"}: {fell:N0} post{(fell == 1 ? "" : "s")}{(fell == 0 ? "" : " (" + string.Join(", ", FellToDefault.OrderByDescending(f => f.Value).Take(20).Select(f => $"{f.Key} {f.Value:N0}")) + ")")}");
        if (Problems.Count > 0)
        {
            text.AppendLine(c, $"First problems ({Problems.Count} listed):");
            foreach (var problem in Problems)
            {
                text.Append("  ").AppendLine(problem);
            }
        }

        if (Fatal is not null)
        {
            foreach (var line in Fatal.Split('\n'))
            {
                text.AppendLine(c, $"error: {line}");
            }
        }

        return text.ToString();
    }
}
