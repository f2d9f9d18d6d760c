using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Support;

/// <summary>
/// The real site in memory: the real HTTP pipeline, a real SQLite file in a temporary data folder,
/// and the given content folder (the repository's by default). Optionally a clock.
/// </summary>
public sealed class KumparanFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder? _data;

    /// <param name="dataPath">A data folder the caller owns (to start a second host on the same database); else a temporary one.</param>
    public KumparanFactory(string? contentPath = null, TimeProvider? clock = null, string? dataPath = null)
    {
        ContentPath = contentPath ?? Repository.Content;
        Clock = clock;
        _data = dataPath is null ? new TempFolder() : null;
        DataPath = dataPath ?? _data!.Path;
    }

    public string ContentPath { get; }

    public TimeProvider? Clock { get; }

    public string DataPath { get; }

#if POSTGRES
    // The PostgreSQL tests (Kumparan.Tests.Postgres, which compiles these files with POSTGRES defined):
    // a database of its own per data folder, so two hosts given the same data folder share one database.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Databases = new(StringComparer.Ordinal);

    /// <summary>The PostgreSQL database of this site (one per data folder).</summary>
    public string ConnectionString => Databases.GetOrAdd(DataPath, _ => PostgresServer.Instance.CreateDatabase());
#endif

    /// <summary>Extra configuration, e.g. ["Kumparan:Ads:Enabled"] = "false".</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Extra test-only services, e.g. an IStartupFilter that adds an endpoint which throws.</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Kumparan:ContentPath", ContentPath);
        builder.UseSetting("Kumparan:DataPath", DataPath);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Variants are made when a test asks for them, not ahead in the background of every site a test starts.
        builder.UseSetting("Kumparan:Images:Workers", "0");
#if POSTGRES
        builder.UseSetting("Kumparan:Database:Provider", "postgres");
        builder.UseSetting("Kumparan:Database:ConnectionString", ConnectionString);
#endif
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null)
            {
                services.AddSingleton(Clock);
            }

            foreach (var configure in TestServices)
            {
                configure(services);
            }
        });
    }

    public HttpClient CreateNoRedirectClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>GETs a path and parses the HTML with AngleSharp, as a browser would.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Document)> GetDocumentAsync(string path)
    {
        var client = CreateNoRedirectClient();
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        return (response, document);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _data?.Dispose();
        }
    }
}
