using Kumparan.Content;
using Microsoft.Extensions.Options;

namespace Kumparan.Web.Hosting;

/// <summary>Matches only the configured channel slugs, so "/kumparannews" is a channel and "/xyz" is not.</summary>
public sealed class ChannelRouteConstraint(IOptions<KumparanOptions> options) : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string slug && options.Value.Channels.ContainsKey(slug);
}

/// <summary>Matches the footer pages' paths.</summary>
public sealed class FooterPageRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string slug && SiteInfo.FooterLinks.Any(l => l.Slug == slug);
}
