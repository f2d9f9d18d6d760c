using Kumparan.Content;
using Kumparan.Content.Import;
using Kumparan.Web.Hosting;

namespace Kumparan.Web.Cli;

/// <summary>The site's configuration for commands that run without the web host: appsettings.json, then environment variables.</summary>
public static class CliSettings
{
    public static (KumparanOptions Options, ContentLocation Location) Load()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new KumparanOptions();
        configuration.GetSection(KumparanOptions.Section).Bind(options);
        var (content, data) = ContentPaths.Resolve(options.ContentPath, options.DataPath, Directory.GetCurrentDirectory());
        return (options, new ContentLocation(content, data));
    }

    /// <summary>The category map at <paramref name="path"/> (none when null); null, with its errors printed, when it cannot be used.</summary>
    /// <param name="footerPages">The footer pages a map's "pages:" may name (a WordPress import's map); null: not checked.</param>
    public static CategoryMap? LoadCategoryMap(KumparanOptions options, string? path, TextWriter output, IReadOnlyCollection<string>? footerPages = null)
    {
        if (path is null)
        {
            return CategoryMap.None(options);
        }

        var (map, errors) = CategoryMap.Load(path, options, footerPages);
        foreach (var error in errors)
        {
            output.WriteLine($"error: {error}");
        }

        if (map is null)
        {
            output.WriteLine($"error: the category map {path} cannot be used; fix it and run again.");
        }

        return map;
    }
}
