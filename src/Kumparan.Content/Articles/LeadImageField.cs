namespace Kumparan.Content.Articles;

/// <summary>
/// The lead image: "image:" (a name in content/media or an https URL; Jekyll also writes a map with "path"),
/// or the first of Hugo's "images:". A picture the site cannot show never keeps the article out, as a missing
/// file never did: the article is published without it, and the warning says what to do.
/// </summary>
internal static class LeadImageField
{
    /// <param name="named">The name under content/media the lead image refers to, whether it can be shown or not.</param>
    public static LeadImage? Read(FrontMatterFields f, ParseContext context, out string? named)
    {
        named = null;
        var alt = f.Text("image_alt", maxLength: 500);
        var caption = f.Text("image_caption", maxLength: 500);
        var credit = f.Text("image_credit", maxLength: 200);
        var width = f.Number("image_width", 1, 20_000);
        var height = f.Number("image_height", 1, 20_000);
        if (Source(f) is not ({ } source, var node, var mapAlt))
        {
            return null;
        }

        alt ??= mapAlt ?? "";
        if (source.StartsWith("https://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out _) || source.AsSpan().IndexOfAny("\"'<> ") >= 0)
            {
                return Without(f, node, "The image URL is not a valid https URL.", "Fix the URL.");
            }

            return width is null || height is null
                ? Without(f, node, "A remote image needs its size so the page does not shift while it loads.", "Add \"image_width:\" and \"image_height:\" in pixels.")
                : new LeadImage(source, width.Value, height.Value, alt, caption, credit);
        }

        if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return Without(f, node, "The image URL is not https, and pages served over https cannot show it.",
                "Write its https URL with \"image_width:\" and \"image_height:\", or put the picture in content/media and write its name.");
        }

        var name = source.StartsWith("/media/", StringComparison.Ordinal) ? source["/media/".Length..] : source;
        if (name.StartsWith('/') && Media.MediaInspector.IsSafeName(name[1..]))
        {
            // Hugo serves static/images/x.jpg as /images/x.jpg, Jekyll assets/x.jpg as /assets/x.jpg: a path of the old site.
            return Without(f, node, $"\"{source}\" is a path of the old site, not a picture in content/media.",
                $"Copy the old site's picture (Hugo: static{source}) to content/media{source} and write \"/media{source}\".");
        }

        if (!Media.MediaInspector.IsSafeName(name))
        {
            return Without(f, node, $"\"{source}\" is not a file name under content/media or an https URL.",
                "Put the image in content/media and write its file name, e.g. \"image: banjir-jakarta.jpg\".");
        }

        // Remembered with the article, so the picture's arrival (a folder copied in, the article first) or a
        // new version of it reads the article again.
        named = name;
        var check = context.Media.Check(name);
        if (check.Image is not { } picture)
        {
            return Without(f, node, check.Problem!, check.Fix!);
        }

        context.Variants?.Want(picture);
        return new LeadImage(name, picture.Width, picture.Height, alt, caption, credit, picture.Hash, picture.Graphic);
    }

    private static LeadImage? Without(FrontMatterFields f, YamlNode? at, string problem, string fix)
    {
        f.Warning(at, $"{problem} The article is published without the picture.", fix);
        return null;
    }

    // "image: x.jpg", Jekyll's "image: {path: x.jpg, alt: ...}", Hugo's "images: [x.jpg, ...]" (the first), or
    // "featured_image: x.jpg" of Hugo's starter theme (Ananke).
    private static (string? Source, YamlNode? At, string? Alt) Source(FrontMatterFields f)
    {
        var key = f.Pick("image", "images", "featured_image");
        var node = key is null ? null : f.Node(key);
        switch (node)
        {
            case null:
                return (null, null, null);
            case YamlScalar:
                return (f.Text(key!, maxLength: 2000), node, null);
            case YamlList { Items: [YamlScalar first, ..] } when key == "images":
                return (Clean(first), first, null);
            case YamlList { Items: [] }:
                return (null, null, null);
            case YamlMap map when key == "image" && map.Entries.FirstOrDefault(e => e.Key.Value == "path").Value is YamlScalar path:
                var alt = map.Entries.FirstOrDefault(e => e.Key.Value == "alt").Value as YamlScalar;
                return (Clean(path), path, alt is null ? null : FrontMatterFields.CleanText(alt.Value));
            default:
                f.Warning(node, $"\"{key}\" is not a picture's name or URL. The article is published without a lead image.",
                    key == "images" ? "Write \"images: [foto.jpg]\"." : "Write \"image: foto.jpg\" (a file in content/media) or an https URL.");
                return (null, null, null);
        }
    }

    private static string? Clean(YamlScalar value) => FrontMatterFields.CleanText(value.Value) is { Length: > 0 and <= 2000 } text ? text : null;
}
