using System.Globalization;
using System.Text;
using Kumparan.Content;

namespace Kumparan.Web.Cli;

/// <summary>
/// <c>generate N FOLDER [--seed S] [--first K]</c>: writes N realistic Indonesian-like articles into
/// FOLDER/articles/{channel}/ for benchmarks (front matter, headings, lists, links, quotes,
/// 100-1,500 words, about 450 on average). The same N, seed and K always give the same files.
/// Articles are numbered from K (default 0): each number has its own hour and slug, so a second
/// folder generated with --first after the first one's N adds articles instead of duplicates.
/// </summary>
public static class GenerateCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static int Run(string[] args, TextWriter output)
    {
        var seed = 42;
        var first = 0;
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
            else
            {
                positional.Add(args[i]);
            }
        }

        if (positional.Count != 2 || !int.TryParse(positional[0], CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            output.WriteLine("usage: generate N FOLDER [--seed S] [--first K]   (writes N articles into FOLDER/articles/{channel}/)");
            return 2;
        }

        var folder = Path.GetFullPath(positional[1]);
        var channels = new KumparanOptions().Channels.Keys.ToArray();
        var generator = new ArticleGenerator(seed);
        long words = 0;
        foreach (var channel in channels)
        {
            Directory.CreateDirectory(Path.Combine(folder, "articles", channel));
        }

        for (var i = 0; i < count; i++)
        {
            var article = generator.Next(first + i, channels);
            words += article.Words;
            File.WriteAllText(Path.Combine(folder, "articles", article.Channel, article.Slug + ".md"), article.Text, Utf8);
        }

        output.WriteLine($"Wrote {count:N0} articles ({words:N0} words, {words / count:N0} on average) to {folder}/articles");
        return 0;
    }
}
