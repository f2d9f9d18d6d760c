using Kumparan.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Security;

/// <summary>
/// One site for the security tests: the repository's content plus an expired and a deleted article
/// (for 410), and a test-only path at the very end of the pipeline that throws (for a real 500).
/// </summary>
public sealed class SecuritySite : IDisposable
{
    public const string FailingPath = "/__test/throws";
    public const string ExpiredPath = "/kumparannews/berita-kedaluwarsa-kedaluwarsa1";

    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();

    public SecuritySite()
    {
        _content.Write("articles/kumparannews/berita-kedaluwarsa.md",
            "---\ntitle: Berita Kedaluwarsa\nchannel: kumparannews\ndate: 2025-01-01T10:00:00+07:00\nid: kedaluwarsa1\nexpires: 2025-06-01T00:00:00+07:00\n---\n\nIsi.\n");
        Factory = new KumparanFactory(_content.Path, new ManualClock(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(7))));
        Failing = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, ThrowAtTheEnd>()));
    }

    public KumparanFactory Factory { get; }

    /// <summary>The same site with <see cref="FailingPath"/> throwing after every other middleware.</summary>
    public WebApplicationFactory<Program> Failing { get; }

    public void Dispose()
    {
        Failing.Dispose();
        Factory.Dispose();
        _content.Dispose();
    }

    private sealed class ThrowAtTheEnd : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, following) => context.Request.Path == FailingPath
                ? throw new InvalidOperationException("A bug in a page.")
                : following(context));
        };
    }
}
