using Kumparan.Content.Articles;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlNode = YamlDotNet.RepresentationModel.YamlNode;

namespace Kumparan.Content.Import;

/// <summary>How a category was turned into a channel.</summary>
/// <param name="Channel">The channel, or null when nothing decided one (no default).</param>
/// <param name="Category">The category that decided it, or null when the default did.</param>
public readonly record struct ChannelChoice(string? Channel, string? Category)
{
    public bool ByDefault => Channel is not null && Category is null;
}

/// <summary>
/// Categories (WordPress, Hugo, Jekyll) → channels, and WordPress pages → footer pages, from a map
/// file the newsroom writes once:
/// <code>
/// default: kumparannews            # the channel of posts no category decides
/// categories:
///   Politik: kumparannews          # a category's name or slug, any letter case
///   ekonomi-bisnis: kumparanbisnis
/// pages:
///   about-us: tentang-kami         # a WordPress page's slug → the footer page content/pages/tentang-kami.md
/// category_base: kategori          # the old site's archive paths, when not WordPress's "category" and "tag"
/// tag_base: topik
/// </code>
/// A category whose slug is a channel's name needs no line. A post's categories are tried in their
/// order; the first one the map names decides (a WordPress import also asks their parents); else the default.
/// </summary>
public sealed class CategoryMap
{
    private readonly Dictionary<string, string> _categories;
    private readonly Dictionary<string, string> _pages;
    private readonly IReadOnlyCollection<string> _channels;

    private CategoryMap(string? defaultChannel, Dictionary<string, string> categories, Dictionary<string, string> pages, IReadOnlyCollection<string> channels)
    {
        Default = defaultChannel;
        _categories = categories;
        _pages = pages;
        _channels = channels;
    }

    /// <summary>The channel of posts that no category decides (null: such posts are rejected).</summary>
    public string? Default { get; }

    /// <summary>The first segment of the old site's category archives (WordPress's "Category base"; "category" unless set).</summary>
    public string CategoryBase { get; private init; } = "category";

    /// <summary>The first segment of the old site's tag archives (WordPress's "Tag base"; "tag" unless set).</summary>
    public string TagBase { get; private init; } = "tag";

    /// <summary>No category lines and no default: only categories named like a channel decide (as with no map).</summary>
    public bool IsEmpty => Default is null && _categories.Count == 0;

    /// <summary>The map's category lines, as written (for the report).</summary>
    public IReadOnlyDictionary<string, string> Categories => _categories;

    /// <summary>The map's page lines: WordPress page slug → footer page slug.</summary>
    public IReadOnlyDictionary<string, string> Pages => _pages;

    /// <summary>No map: only categories named like a channel decide, and there is no default.</summary>
    public static CategoryMap None(KumparanOptions options) =>
        new(null, new(StringComparer.OrdinalIgnoreCase), new(StringComparer.Ordinal), options.Channels.Keys);

    /// <summary>Reads a map file; every problem is returned with its line and column, and then there is no map.</summary>
    /// <param name="footerPages">The footer pages of the site, which "pages:" may name; null: any slug.</param>
    public static (CategoryMap? Map, IReadOnlyList<ContentError> Errors) Load(string path, KumparanOptions options, IReadOnlyCollection<string>? footerPages = null)
    {
        var name = System.IO.Path.GetFileName(path);
        var errors = new List<ContentError>();
        YamlStream yaml = [];
        try
        {
            using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            return (null, [new ContentError(name, (int)e.Start.Line, (int)e.Start.Column, $"The map cannot be read: {e.Message}", "Write \"default:\", \"categories:\" and \"pages:\" as in the README.")]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return (null, [new ContentError(name, 1, 1, $"The map cannot be read: {e.Message}", "Give a UTF-8 YAML file.")]);
        }

        var categories = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        string? defaultChannel = null;
        var bases = new Dictionary<string, string>(StringComparer.Ordinal) { ["category_base"] = "category", ["tag_base"] = "tag" };
        if (yaml.Documents.Count == 0)
        {
            return (new CategoryMap(null, categories, pages, options.Channels.Keys), []);
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return (null, [At(name, yaml.Documents[0].RootNode, "The map is not a list of keys.", "Write \"default:\", \"categories:\" and \"pages:\" as in the README.")]);
        }

        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            switch (key)
            {
                case "default" when value is YamlScalarNode { Value: { Length: > 0 } channel }:
                    defaultChannel = Channel(channel, value, name, options, errors);
                    break;
                case "categories" when value is YamlMappingNode lines:
                    foreach (var (category, channelNode) in lines.Children)
                    {
                        if (category is YamlScalarNode { Value: { Length: > 0 } categoryName } && channelNode is YamlScalarNode { Value: { Length: > 0 } channel })
                        {
                            if (Channel(channel, channelNode, name, options, errors) is { } known && !categories.TryAdd(categoryName.Trim(), known))
                            {
                                errors.Add(At(name, category, $"The category \"{categoryName}\" is mapped twice.", "Keep one line for it."));
                            }
                        }
                        else
                        {
                            errors.Add(At(name, category, "Each line under \"categories:\" must be \"category: channel\".", "Write e.g. \"Politik: kumparannews\"."));
                        }
                    }

                    break;
                case "pages" when value is YamlMappingNode lines:
                    foreach (var (page, slugNode) in lines.Children)
                    {
                        if (page is YamlScalarNode { Value: { Length: > 0 } pageSlug } && slugNode is YamlScalarNode { Value: { } slug } && Slug.IsValid(slug))
                        {
                            if (footerPages is not null && !footerPages.Contains(slug))
                            {
                                errors.Add(At(name, slugNode, $"\"{slug}\" is not a footer page of this site.", $"Use one of: {string.Join(", ", footerPages)}."));
                            }
                            else if (!pages.TryAdd(pageSlug.Trim(), slug))
                            {
                                errors.Add(At(name, page, $"The page \"{pageSlug}\" is mapped twice.", "Keep one line for it."));
                            }
                        }
                        else
                        {
                            errors.Add(At(name, slugNode, "Each line under \"pages:\" must be \"wordpress-page-slug: footer-page-slug\" (lowercase a-z, 0-9 and dashes).", "Write e.g. \"about-us: tentang-kami\"."));
                        }
                    }

                    break;
                case "category_base" or "tag_base" when value is YamlScalarNode { Value: { } segment }:
                    if (IsBase(segment))
                    {
                        bases[key] = segment;
                    }
                    else
                    {
                        errors.Add(At(name, value, $"\"{key}\" must be the archives' first path segments, e.g. \"kategori\" or \"berita/kategori\".", "Write it as in WordPress's Settings → Permalinks, without slashes around it."));
                    }

                    break;
                default:
                    errors.Add(At(name, keyNode, $"\"{key}\" is not a key of the map, or its value has the wrong shape.",
                        "Use \"default: channel\", \"categories:\" with \"category: channel\" lines and \"pages:\" with \"page: footer-page\" lines."));
                    break;
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new CategoryMap(defaultChannel, categories, pages, options.Channels.Keys) { CategoryBase = bases["category_base"], TagBase = bases["tag_base"] }, []);
    }

    private static bool IsBase(string segment) =>
        segment.Length is > 0 and <= 100 && segment.Split('/').All(part => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    /// <summary>The channel the map gives one category (by name or slug), or the channel it is named like; without parents or default.</summary>
    public string? ChannelOf(string category)
    {
        var slug = Slug.FromName(category);
        return _categories.TryGetValue(category.Trim(), out var channel) || _categories.TryGetValue(slug, out channel)
            ? channel
            : _channels.Contains(slug) ? slug : null;
    }

    /// <summary>The channel of an item with these categories (names or slugs, in the item's order): the first the map names, else the default.</summary>
    public ChannelChoice Choose(IEnumerable<string> categories)
    {
        foreach (var category in categories.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (ChannelOf(category) is { } channel)
            {
                return new ChannelChoice(channel, category);
            }
        }

        return new ChannelChoice(Default, null);
    }

    /// <summary>The footer page a WordPress page becomes, or null when the map does not name it.</summary>
    public string? PageOf(string wordpressSlug) => _pages.GetValueOrDefault(wordpressSlug);

    private static string? Channel(string channel, YamlNode at, string file, KumparanOptions options, List<ContentError> errors)
    {
        if (options.Channels.ContainsKey(channel))
        {
            return channel;
        }

        errors.Add(At(file, at, $"\"{channel}\" is not a channel of this site.", $"Use one of: {string.Join(", ", options.Channels.Keys)}."));
        return null;
    }

    private static ContentError At(string file, YamlNode node, string problem, string fix) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, problem, fix);
}
