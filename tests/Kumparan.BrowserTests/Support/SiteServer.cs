using System.Net;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.BrowserTests.Support;

/// <summary>
/// The real site on a real socket (Kestrel on 127.0.0.1, a free port), because a browser cannot talk
/// to an in-memory test server. It serves the repository's content/ from a temporary data folder.
/// </summary>
public sealed class SiteServer : WebApplicationFactory<Program>
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "kumparan-browser-tests", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string> _settings;

    public SiteServer(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public static string RepositoryRoot { get; } = ContentPaths.FindRepository(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Browser tests must run inside the repository (Kumparan.sln not found).");

    /// <summary>Starts Kestrel and returns the address it listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_data);
        builder.UseEnvironment("Production");
        builder.UseSetting("Kumparan:ContentPath", Path.Combine(RepositoryRoot, "content"));
        builder.UseSetting("Kumparan:DataPath", _data);
        // Variants are made when the browser asks for them, not ahead in the background of every site.
        builder.UseSetting("Kumparan:Images:Workers", "0");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a host shutting down; the OS temp cleaner takes it.
            }
        }
    }
}
