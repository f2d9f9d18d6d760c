using System.Globalization;
using System.Text.RegularExpressions;

namespace Kumparan.Content.Articles;

/// <summary>Typed reads of front matter values; each problem is recorded with its position and a fix.</summary>
internal sealed partial class FrontMatterFields(YamlMap map, string file)
{
    private readonly Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> _entries =
        map.Entries.ToDictionary(e => e.Key.Value, StringComparer.Ordinal);

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public List<ContentError> Errors { get; } = [];

    /// <summary>What the editor should fix although the file is published (e.g. a picture it shows without).</summary>
    public List<ContentError> Warnings { get; } = [];

    public YamlMap Map => map;

    public bool Has(string key) => _entries.ContainsKey(key);

    public IEnumerable<ContentError> UnknownKeys() =>
        _entries.Where(e => !_used.Contains(e.Key)).Select(e => new ContentError(file, e.Value.Key.Line, e.Value.Key.Column,
            $"Unknown front matter key \"{e.Key}\" is ignored.", "Check its spelling against the list in the README."));

    /// <summary>A key's value without counting the key as read (for a key whose meaning depends on its value).</summary>
    public YamlNode? Peek(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>
    /// The first of these keys the file has (our own first, then the synonyms Hugo and Jekyll write): each
    /// other one it also has is ignored with a warning at its line, so no value is dropped unseen.
    /// </summary>
    public string? Pick(params ReadOnlySpan<string> keys)
    {
        string? chosen = null;
        foreach (var key in keys)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                continue;
            }

            if (chosen is null)
            {
                chosen = key;
                continue;
            }

            _used.Add(key);
            Warning(entry.Key, $"\"{key}\" is ignored: \"{chosen}\" is given.", $"Remove one of them; \"{chosen}\" is the one read.");
        }

        return chosen;
    }

    public YamlNode? Node(string key)
    {
        _used.Add(key);
        return _entries.TryGetValue(key, out var entry) ? entry.Value : null;
    }

    public void Error(YamlNode? at, string problem, string fix) =>
        Errors.Add(new ContentError(file, at?.Line ?? 1, at?.Column ?? 1, problem, fix));

    public void Warning(YamlNode? at, string problem, string fix) =>
        Warnings.Add(new ContentError(file, at?.Line ?? 1, at?.Column ?? 1, problem, fix));

    /// <summary>Unknown keys and the other warnings.</summary>
    public IEnumerable<ContentError> AllWarnings() => UnknownKeys().Concat(Warnings);

    public string? Text(string key, bool required = false, int maxLength = 1000)
    {
        var node = Node(key);
        if (node is null || node is YamlScalar { Value: "", Quoted: false })
        {
            if (required)
            {
                Error(null, $"The required key \"{key}\" is missing.", $"Add a line \"{key}: ...\" to the front matter.");
            }

            return null;
        }

        if (node is not YamlScalar scalar)
        {
            Error(node, $"\"{key}\" must be a single text value.", $"Write \"{key}: text\" on one line.");
            return null;
        }

        var value = CleanText(scalar.Value);
        if (value.Length > maxLength)
        {
            Error(node, $"\"{key}\" is longer than {maxLength} characters.", "Shorten it.");
            return null;
        }

        if (required && value.Length == 0)
        {
            Error(node, $"\"{key}\" is empty.", $"Give \"{key}\" a value.");
            return null;
        }

        return value;
    }

    /// <param name="words">A single text is a list of words, as Jekyll reads "tags: politik ekonomi".</param>
    public IReadOnlyList<string> TextList(string key, int maxItems = 20, bool words = false)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
            case YamlScalar { Value: "", Quoted: false }:
                return [];
            case YamlScalar scalar when words:
                return CleanText(scalar.Value).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                    .Where(w => w.Length <= 200).Distinct(StringComparer.Ordinal).Take(maxItems).ToList();
            case YamlScalar scalar:
                return [CleanText(scalar.Value)];
            case YamlList list when list.Items.Count > maxItems:
                Error(node, $"\"{key}\" has more than {maxItems} items.", "Keep the most important ones.");
                return [];
            case YamlList list:
                var values = new List<string>();
                foreach (var item in list.Items)
                {
                    if (item is YamlScalar s && CleanText(s.Value) is { Length: > 0 and <= 200 } v)
                    {
                        values.Add(v);
                    }
                    else
                    {
                        Error(item, $"Each item of \"{key}\" must be a short text.", $"Write \"- name\" lines under \"{key}:\".");
                    }
                }

                return values.Distinct(StringComparer.Ordinal).ToList();
            default:
                Error(node, $"\"{key}\" must be a list.", $"Write \"- name\" lines under \"{key}:\".");
                return [];
        }
    }

    public bool? Flag(string key)
    {
        var node = Node(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalar { Quoted: false } s && bool.TryParse(s.Value, out var value))
        {
            return value;
        }

        Error(node, $"\"{key}\" must be true or false.", $"Write \"{key}: true\" or \"{key}: false\".");
        return null;
    }

    public int? Number(string key, int min, int max)
    {
        var node = Node(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalar s && int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(node, $"\"{key}\" must be a whole number from {min} to {max}.", $"Write e.g. \"{key}: {max / 2}\".");
        return null;
    }

    public DateTimeOffset? Date(string key, bool required = false) =>
        Node(key) is { } node ? ParseDate(node) : RequiredMissing(key, required);

    private const int MinimumYear = 1970;

    public DateTimeOffset? ParseDate(YamlNode node)
    {
        if (node is YamlScalar s && IsoDate().IsMatch(s.Value))
        {
            var styles = DateTimeStyles.AllowWhiteSpaces;
            var hasOffset = OffsetSuffix().IsMatch(s.Value);
            DateTimeOffset? parsed = null;
            if (hasOffset && DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture, styles, out var withOffset))
            {
                parsed = withOffset;
            }
            else if (!hasOffset && DateTime.TryParse(s.Value, CultureInfo.InvariantCulture, styles, out var local) && local.Year >= MinimumYear)
            {
                // No offset: the newsroom's clock, Asia/Jakarta (WIB).
                parsed = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Rendering.IndonesianDate.Wib);
            }
            else if (!hasOffset && DateTime.TryParse(s.Value, CultureInfo.InvariantCulture, styles, out _))
            {
                parsed = DateTimeOffset.MinValue; // a year before 1970, reported below
            }

            // Ids are made from the time since 1970, and year 0001 in WIB is before the first
            // instant .NET can represent, so such dates are errors, not crashes.
            if (parsed is { } date && date.UtcDateTime.Year < MinimumYear)
            {
                Error(node, $"The date is before {MinimumYear}.", "Check the year; write it like 2025-02-04T13:05:00+07:00.");
                return null;
            }

            if (parsed is not null)
            {
                return parsed;
            }
        }

        Error(node, "The date is not a valid ISO 8601 date.", "Write it like 2025-02-04T13:05:00+07:00 (no offset means WIB).");
        return null;
    }

    private DateTimeOffset? RequiredMissing(string key, bool required)
    {
        if (required)
        {
            Error(null, $"The required key \"{key}\" is missing.", $"Add \"{key}: 2025-02-04T13:05:00+07:00\" to the front matter.");
        }

        return null;
    }

    // Bidirectional overrides and zero-width characters can make a title read differently from what it is.
    public static string CleanText(string value)
    {
        // Front matter text is single-line everywhere it is shown (titles, meta tags, feeds, JSON-LD):
        // CR/LF become a space, so no value can carry a line break into a header. (U+2028 and other
        // separators stay: they are text, and every output escapes them.)
        var cleaned = InvisibleCharacters().Replace(value, "");
        return LineBreaks().Replace(cleaned, " ").Trim();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffix();

    [GeneratedRegex("[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]")]
    private static partial Regex InvisibleCharacters();

    [GeneratedRegex("[ \t]*[\r\n][\r\n \t]*")]
    private static partial Regex LineBreaks();
}
