using Kumparan.Content;
using Kumparan.Content.Import;

namespace Kumparan.Web.Hosting;

/// <summary>
/// The category map of Kumparan:CategoryMap, read once at start. A map with errors stops the start: without it
/// every Hugo or Jekyll article that relies on it would be rejected, and the errors would scroll past in the log.
/// </summary>
internal static partial class SiteCategoryMap
{
    public static CategoryMap Load(KumparanOptions options, string contentPath, ILogger logger)
    {
        if (ContentPaths.CategoryMap(options.CategoryMap, contentPath) is not { } path)
        {
            return CategoryMap.None(options);
        }

        var (map, errors) = CategoryMap.Load(path, options);
        if (map is not null)
        {
            LogLoaded(logger, path, map.Categories.Count, map.Default ?? "none");
            return map;
        }

        foreach (var error in errors)
        {
            LogProblem(logger, error.File, error.Line, error.Column, error.Problem, error.Fix);
        }

        throw new InvalidOperationException(
            $"Kumparan:CategoryMap {path} cannot be used: {string.Join(" ", errors)} Fix the map, or remove Kumparan:CategoryMap to start without one.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Category map {Path}: {Categories} categories, default channel {Default}")]
    private static partial void LogLoaded(ILogger logger, string path, int categories, string @default);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Category map {File}:{Line}:{Column}: {Problem} {Fix}")]
    private static partial void LogProblem(ILogger logger, string file, int line, int column, string problem, string fix);
}
