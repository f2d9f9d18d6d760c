using System.Diagnostics.Metrics;
using Kumparan.Content.Diagnostics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Kumparan.Web.Hosting;

/// <summary>
/// /metrics in Prometheus' text format, through OpenTelemetry: ASP.NET Core's and Kestrel's own meters
/// (requests by route and status with their duration, connections, exceptions), the site's
/// <see cref="KumparanMetrics"/> and whether this node leads. Meant for the internal network: a reverse
/// proxy in front of the site should not pass /metrics on. <c>Kumparan:Metrics:Enabled=false</c> serves
/// no /metrics and listens to no meter.
/// </summary>
public static class SiteMetrics
{
    public static readonly PathString Path = "/metrics";

    public static IServiceCollection AddSiteMetrics(this IServiceCollection services)
    {
        // Before the content's hosted services, so that what start-up does (files rejected) is counted.
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("kumparan", serviceVersion: SiteInfo.Version))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(KumparanMetrics.MeterName)
                .AddInstrumentation(LeaderGauge)
                // Measured on every request, for figures no operator of this site reads: ASP.NET Core's memory pool
                // counts every buffer Kestrel lends (several per request), and the requests in progress are counted
                // up and down around each one (two more measurements beside its duration).
                .AddView(instrument => instrument.Meter.Name == "Microsoft.AspNetCore.MemoryPool" || instrument.Name == "http.server.active_requests"
                    ? MetricStreamConfiguration.Drop
                    : null)
                // Each scrape is collected afresh: scrapers ask every few seconds at most, from the internal network.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        // Decided when the host is built, so that configuration added by hosts and tests is seen: switched
        // off, every instrument is dropped, and nothing is measured at all.
        services.ConfigureOpenTelemetryMeterProvider((provider, builder) =>
        {
            if (!provider.GetRequiredService<IOptions<OperationsOptions>>().Value.Metrics.Enabled)
            {
                builder.AddView(_ => MetricStreamConfiguration.Drop);
            }

            // A meter is listened to by name, in the whole process: one made by another host's IMeterFactory
            // (ASP.NET Core's, the leader gauge; several hosts in one process, as in the tests) is that host's.
            var own = provider.GetRequiredService<IMeterFactory>();
            builder.AddView(instrument => instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, own) ? MetricStreamConfiguration.Drop : null);
        });
        return services;
    }

    /// <summary>Serves /metrics when it is enabled: never cached, before the site's static files and pages.</summary>
    public static IApplicationBuilder UseSiteMetrics(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<OperationsOptions>>().Value.Metrics.Enabled)
        {
            return app;
        }

        return app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: context => context.Request.Path == Path, path: null,
            configureBranchedPipeline: branch => branch.Use((context, next) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return next(context);
            }),
            optionsName: null);
    }

    /// <summary><c>kumparan.node.leader</c>: 1 while this node leads, 0 while it follows; on this host's own meter.</summary>
    private static ObservableGauge<int> LeaderGauge(IServiceProvider provider)
    {
        var role = provider.GetRequiredService<NodeRole>();
        return provider.GetRequiredService<IMeterFactory>().Create(KumparanMetrics.MeterName)
            .CreateObservableGauge("kumparan.node.leader", () => role.IsLeader ? 1 : 0, "{node}", "1 while this node is the leader, 0 while it follows");
    }
}
