using Kumparan.Content;
using Kumparan.Content.Articles;

namespace Kumparan.Fuzz;

/// <summary>The fuzzing target: any bytes → the loader must accept with safe output or reject with a position; anything else throws.</summary>
public static class LoaderTarget
{
    public const string File = "articles/kumparannews/fuzz.md";

    private static readonly ParseContext Context = new(new KumparanOptions(), Path.Combine(Path.GetTempPath(), "kumparan-fuzz-no-media"));

    public static void Run(ReadOnlySpan<byte> bytes)
    {
        var result = ArticleParser.Parse(File, bytes, Context);
        if (result.Article is { } article)
        {
            var html = string.Concat(article.Body.Select(b => b.Html));
            var problems = HtmlSafety.Problems(html);
            if (problems.Count > 0)
            {
                throw new UnsafeOutputException($"Unsafe output: {string.Join("; ", problems)}");
            }

            if (article.Aliases.Any(a => !a.StartsWith('/') || a.StartsWith("//", StringComparison.Ordinal) || a.Any(c => c is '\r' or '\n')))
            {
                throw new UnsafeOutputException("An alias that is not a local path was accepted.");
            }

            return;
        }

        if (result.Errors.Count == 0)
        {
            throw new UnsafeOutputException("Rejected without an error.");
        }

        foreach (var error in result.Errors)
        {
            if (error.File != File || error.Line < 1 || error.Column < 1 || string.IsNullOrWhiteSpace(error.Problem) || string.IsNullOrWhiteSpace(error.Fix))
            {
                throw new UnsafeOutputException($"An error without a usable position or message: {error}");
            }
        }
    }
}

public sealed class UnsafeOutputException(string message) : Exception(message);
