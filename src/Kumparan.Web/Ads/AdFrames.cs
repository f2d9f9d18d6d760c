using System.Globalization;
using Kumparan.Content;
using Microsoft.Extensions.Options;

namespace Kumparan.Web.Ads;

/// <summary>One slot's iframe: its address and the reserved size it fills.</summary>
public sealed record AdFrame(string Source, int Width, int Height);

/// <summary>
/// Where third-party ad markup may run: only inside a sandboxed iframe from a configured https
/// origin. Anything in configuration that is not a bare https origin is ignored (and logged), so a
/// typo can never open the page to an arbitrary frame or scheme.
/// </summary>
public sealed partial class AdFrames
{
    /// <summary>Scripts and popups for the ad, but no same-origin: the frame cannot touch the page, its cookies or storage.</summary>
    public const string Sandbox = "allow-scripts allow-popups allow-popups-to-escape-sandbox";

    private readonly AdOptions _ads;

    public AdFrames(IOptions<KumparanOptions> options, ILogger<AdFrames> logger)
    {
        var ads = _ads = options.Value.Ads;
        Origin = string.IsNullOrWhiteSpace(ads.Origin) ? null : ToOrigin(ads.Origin, logger);
        FrameOrigins = ads.FrameOrigins.Select(o => ToOrigin(o, logger)).Append(Origin)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The ad server's origin ("https://host[:port]"), or null when no ad is configured.</summary>
    public string? Origin { get; }

    /// <summary>Every origin the CSP's frame-src allows; empty means no frames at all.</summary>
    public IReadOnlyList<string> FrameOrigins { get; }

    /// <summary>The iframe for a slot, sized as the slot's reserved box; null when the slot stays an empty box.</summary>
    public AdFrame? For(string slot, bool top)
    {
        if (Origin is null)
        {
            return null;
        }

        var size = top ? _ads.TopDesktop : _ads.Body;
        var source = string.Create(CultureInfo.InvariantCulture, $"{Origin}/slot?name={Uri.EscapeDataString(slot)}&width={size.Width}&height={size.Height}");
        return new AdFrame(source, size.Width, size.Height);
    }

    private static string? ToOrigin(string configured, ILogger logger)
    {
        if (Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttps
            && string.IsNullOrEmpty(uri.UserInfo)
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0)
        {
            return uri.GetLeftPart(UriPartial.Authority);
        }

        LogIgnored(logger, configured);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored ad origin {Origin}: it must be a bare https origin such as https://iklan.example")]
    private static partial void LogIgnored(ILogger logger, string origin);
}
