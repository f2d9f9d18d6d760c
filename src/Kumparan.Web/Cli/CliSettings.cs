using Kumparan.Content;
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
}
