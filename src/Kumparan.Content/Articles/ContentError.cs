using System.Globalization;

namespace Kumparan.Content.Articles;

/// <summary>A problem an editor caused and can fix: where it is, what is wrong, what to do.</summary>
public sealed record ContentError(string File, int Line, int Column, string Problem, string Fix)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Problem} {Fix}");

    /// <summary>The order an editor reads them in: by file, then line, then column.</summary>
    public static List<ContentError> InFileOrder(IEnumerable<ContentError> errors) =>
        [.. errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)];
}

/// <summary>Thrown inside the loader to stop at the first fatal problem of a file.</summary>
public sealed class ContentException(int line, int column, string problem, string fix) : Exception(problem)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    public string Problem { get; } = problem;

    public string Fix { get; } = fix;

    public ContentError ToError(string file) => new(file, Line, Column, Problem, Fix);
}
