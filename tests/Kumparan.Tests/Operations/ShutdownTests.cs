using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Kumparan.Tests.Support;
using Kumparan.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kumparan.Tests.Operations;

/// <summary>
/// Stopping the site as SIGTERM does, on a real Kestrel: drained (still serving, /readyz 503), then no new
/// connections, and the requests in flight finish. The host is built here as Program.cs builds it:
/// WebApplicationFactory's host also runs Program's own <c>app.Run()</c>, which stops and disposes the host as soon
/// as stopping is signalled, beside the test's own stop, so it cannot show a drain.
/// </summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task AStoppingSiteDrainsThenRefusesNewConnectionsAndFinishesWhatItStarted()
    {
        using var content = new TempFolder().WithRepositoryContent();
        using var data = new TempFolder();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The site's assembly, where Razor Pages finds its pages.
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            EnvironmentName = "Production",
            ContentRootPath = Path.Combine(Repository.Root, "src", "Kumparan.Web"),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kumparan:ContentPath"] = content.Path,
            ["Kumparan:DataPath"] = data.Path,
            // Long enough for the requests below on a machine busy with other work.
            ["Kumparan:DrainSeconds"] = "5",
            ["Kumparan:ShutdownSeconds"] = "15",
            ["Kumparan:Images:Workers"] = "0",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddKumparan();
        await using var app = builder.Build();
        app.UseKumparan();

        // Test only: a page that answers once the test lets it, to be in flight when the site stops.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (context.Request.Path != "/uji/lambat")
            {
                await next(context);
                return;
            }

            entered.TrySetResult();
            await release.Task;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("selesai");
        });

        await app.StartAsync();
        Assert.Equal(TimeSpan.FromSeconds(20), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        var address = new Uri($"http://127.0.0.1:{port}");

        using var reader = new HttpClient { BaseAddress = address };
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Repository.SeedPath)).StatusCode);
        var inFlight = reader.GetAsync("/uji/lambat");
        await entered.Task.WaitAsync(Eventually.Timeout);

        // What SIGTERM starts.
        var stopped = app.StopAsync();

        // While it drains, the site still answers, and tells a load balancer to send readers elsewhere.
        using (var balancer = new HttpClient { BaseAddress = address })
        {
            var readyz = await Eventually.Until(() => balancer.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
                "/readyz to answer 503 once the stop began");
            using var json = JsonDocument.Parse(await readyz.Content.ReadAsStringAsync());
            Assert.True(json.RootElement.GetProperty("stopping").GetBoolean());
            Assert.Equal(HttpStatusCode.OK, (await balancer.GetAsync(Repository.SeedPath)).StatusCode);
        }

        // Then the server stops accepting connections, while the request it started still runs.
        await Eventually.Until(() => Refused(port), refused => refused, "the server to stop accepting connections");
        Assert.False(inFlight.IsCompleted);
        Assert.False(stopped.IsCompleted);

        release.SetResult();
        var response = await inFlight.WaitAsync(Eventually.Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("selesai", await response.Content.ReadAsStringAsync());
        await stopped.WaitAsync(Eventually.Timeout);
    }

    private static async Task<bool> Refused(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
