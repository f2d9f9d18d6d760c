using System.Net.Sockets;
using System.Text;
using Kumparan.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kumparan.Tests.Security;

/// <summary>
/// The site on a real Kestrel at 127.0.0.1, for requests that an HttpClient or the in-memory test
/// server would normalize before the site sees them (dot segments, %2e, backslashes, raw bytes).
/// The content folder has a secret file beside media/ that no request may ever return.
/// </summary>
public sealed class KestrelSite : IDisposable
{
    public const string Secret = "RAHASIA-JANGAN-DIBACA";

    private readonly TempFolder _content = new TempFolder().WithRepositoryContent();

    public KestrelSite()
    {
        _content.Write("rahasia.txt", Secret);
        Factory = new KumparanFactory(_content.Path);
        Factory.UseKestrel(0);
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        Client = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), AllowAutoRedirect = false });
    }

    /// <summary>An ordinary HTTP client of the real server (no redirects followed).</summary>
    public HttpClient Client { get; }

    public KumparanFactory Factory { get; }

    public int Port { get; }

    /// <summary>Sends <paramref name="requestTarget"/> byte for byte and returns the status code, headers and body.</summary>
    public async Task<RawResponse> SendAsync(string requestTarget, string method = "GET", string extraHeaders = "")
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        var request = $"{method} {requestTarget} HTTP/1.1\r\nHost: 127.0.0.1:{Port}\r\n{extraHeaders}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).WaitAsync(TimeSpan.FromSeconds(30));
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = headerEnd < 0 ? text : text[..headerEnd];
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToLookup(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : "", StringComparer.OrdinalIgnoreCase);
        return new RawResponse(status, headers, headerEnd < 0 ? "" : text[(headerEnd + 4)..]);
    }

    public void Dispose()
    {
        Factory.Dispose();
        _content.Dispose();
    }
}

public sealed record RawResponse(int Status, ILookup<string, string> Headers, string Body);
