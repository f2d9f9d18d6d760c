using System.Net;

namespace Kumparan.Tests.Support;

/// <summary>The site on <see cref="SeoContent"/> at <see cref="SeoContent.Now"/>, with an absolute base URL; one per test class.</summary>
public sealed class SeoSite : IDisposable
{
    private readonly TempFolder _content = SeoContent.Create();

    public SeoSite()
    {
        Clock = new ManualClock(SeoContent.Now);
        Factory = new KumparanFactory(_content.Path, Clock);
        Factory.Settings["Kumparan:BaseUrl"] = SeoContent.BaseUrl;
    }

    public KumparanFactory Factory { get; }

    public ManualClock Clock { get; }

    public string ContentPath => _content.Path;

    /// <summary>GETs a path (no redirects followed) and asserts 200; returns the body and the response.</summary>
    public async Task<(string Body, HttpResponseMessage Response)> GetOkAsync(string path)
    {
        var response = await Factory.CreateNoRedirectClient().GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        return (await response.Content.ReadAsStringAsync(), response);
    }

    public void Dispose()
    {
        Factory.Dispose();
        _content.Dispose();
    }
}
