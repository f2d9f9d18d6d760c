using System.Net;
using System.Security.Cryptography;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Support;

/// <summary>
/// A running site over a temporary copy of content/ with the real file watcher: tests write files
/// as an editor would and poll the site until it shows the result.
/// </summary>
public sealed class LiveSite : IDisposable
{
    public LiveSite() => (Factory, Client) = Start(null, null);

    public static LiveSite WithClock(TimeProvider clock) => new(clock, null);

    /// <summary>A site with extra configuration, e.g. ["Kumparan:Watch:DeleteGraceMilliseconds"] = "5000".</summary>
    public static LiveSite WithSettings(IReadOnlyDictionary<string, string> settings) => new(null, settings);

    private LiveSite(TimeProvider? clock, IReadOnlyDictionary<string, string>? settings) => (Factory, Client) = Start(clock, settings);

    private (KumparanFactory, HttpClient) Start(TimeProvider? clock, IReadOnlyDictionary<string, string>? settings)
    {
        var factory = new KumparanFactory(Content.Path, clock);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            factory.Settings[key] = value;
        }

        return (factory, factory.CreateNoRedirectClient());
    }


    public TempFolder Content { get; } = new TempFolder().WithRepositoryContent();

    public KumparanFactory Factory { get; }

    public HttpClient Client { get; }

    public ContentIndex Index => Factory.Services.GetRequiredService<ContentIndex>();

    /// <summary>An article file's text: front matter (plus <paramref name="extra"/> lines) and a body.</summary>
    public static string Article(string title, string id, string extra = "", string body = "Paragraf pertama artikel ini.", string date = "2025-03-01T10:00:00+07:00") =>
        $"---\ntitle: {title}\nchannel: kumparannews\ndate: {date}\nid: {id}\n{extra}---\n\n{body}\n";

    /// <summary>Status and headline of a page.</summary>
    public async Task<(HttpStatusCode Status, string? Title)> Probe(string path)
    {
        var (response, document) = await Factory.GetDocumentAsync(path);
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? document.QuerySelector("h1")?.TextContent : null);
    }

    public Task<(HttpStatusCode Status, string? Title)> WaitFor(string path, HttpStatusCode status, string? title = null, TimeSpan? timeout = null) =>
        Eventually.Until(() => Probe(path), r => r.Status == status && (title is null || r.Title == title), $"{path} to answer {(int)status} {title}", timeout);

    /// <summary>
    /// Waits until the site has read the version of a file that is on disk now and rejected it; returns
    /// its problems. A save passes through other versions (an empty file, when writing truncates it
    /// first), and the site may reject one of those before it sees the last.
    /// </summary>
    public Task<IReadOnlyList<ContentError>> WaitForRejection(string relativePath) =>
        Eventually.Until(() => RejectionOfCurrentVersion(relativePath), e => e.Count > 0, $"the version of {relativePath} on disk to be rejected");

    private IReadOnlyList<ContentError> RejectionOfCurrentVersion(string relativePath)
    {
        var state = Index.Store.FileStates().GetValueOrDefault(relativePath);
        return state is { Status: "rejected" } && IsOnDisk(relativePath, state) ? Index.Store.FileErrors(relativePath) : [];
    }

    /// <summary>Whether the store's record of a file is of the bytes on disk now.</summary>
    private bool IsOnDisk(string relativePath, FileState state)
    {
        var file = new FileInfo(System.IO.Path.Combine(Content.Path, relativePath));
        if (!file.Exists || file.Length != state.Size)
        {
            return false;
        }

        if (string.IsNullOrEmpty(state.Hash))
        {
            return true; // A file over the size cap is rejected unread: its size is all the store knows of it.
        }

        using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return state.Hash == Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Content.Dispose();
    }
}
