using System.Globalization;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Kumparan.Content.Articles;

/// <summary>
/// Reads TOML front matter (Hugo's, between <c>+++</c> lines) into the same tree the YAML reader makes,
/// with the line and column of every value taken from Tomlyn's syntax tree, so every check and message
/// works as for YAML. Dotted keys and <c>[tables]</c> become nested maps, <c>[[tables]]</c> lists of
/// maps; strings are quoted scalars, other values plain ones, dates written the way the date check reads
/// them (a local date or time has no offset: WIB). Bounded like the YAML reader.
/// </summary>
public static class TomlFrontMatter
{
    // Tomlyn's own bound on nested arrays and inline tables (its parser recurses); ours is checked below.
    private static readonly TomlSerializerOptions Parsing = new() { MaxDepth = 16 };

    private const string SyntaxFix = "Write one key = value per line: text in double quotes, lists in [ ], dates like 2025-02-04T13:05:00+07:00.";

    /// <param name="firstLine">Line of the TOML's first line in the file (2, after the opening +++).</param>
    public static YamlMap Read(string toml, int firstLine)
    {
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(toml, Parsing, sourceName: null, validate: true);
        }
        catch (TomlException e)
        {
            // Tomlyn stops at its depth bound with an exception rather than a diagnostic.
            var (line, column) = (firstLine + (e.Line ?? 1) - 1, e.Column ?? 1);
            throw e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? new ContentException(line, column, $"The front matter is nested more than {FrontMatterReader.MaxDepth} levels deep.", "Use flat keys, or a list of simple values.")
                : new ContentException(line, column, $"The front matter is not valid TOML: {e.Message}", SyntaxFix);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever else Tomlyn stumbles on is still a TOML mistake of the file, not a failure of the site.
            throw new ContentException(firstLine, 1, "The front matter is not valid TOML.", SyntaxFix);
        }

        if (document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error) is { } error)
        {
            throw new ContentException(firstLine + error.Span.Start.Line, error.Span.Start.Column + 1,
                $"The front matter is not valid TOML: {error.Message}", SyntaxFix);
        }

        var tree = new Tree(firstLine);
        var root = new Table(firstLine, 1);
        foreach (var entry in document.KeyValues)
        {
            tree.Add(root, entry, 0);
        }

        foreach (var header in document.Tables)
        {
            var table = tree.Open(root, header);
            foreach (var entry in header.Items)
            {
                tree.Add(table.Map, entry, table.Depth);
            }
        }

        return root.Freeze();
    }

    // A map being filled: keys in the order written; values are finished nodes, tables or lists of tables.
    private sealed class Table(int line, int column)
    {
        public List<(YamlScalar Key, object Value)> Entries { get; } = [];

        public object? Get(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Value;

        public YamlMap Freeze() => new(
            [.. Entries.Select(e => new KeyValuePair<YamlScalar, YamlNode>(e.Key, e.Value switch
            {
                Table table => table.Freeze(),
                TableList list => new YamlList([.. list.Items.Select(t => t.Freeze())], list.Line, list.Column),
                _ => (YamlNode)e.Value,
            }))],
            line, column);
    }

    private sealed record TableList(List<Table> Items, int Line, int Column);

    private sealed class Tree(int firstLine)
    {
        private int _nodes;

        public void Add(Table table, KeyValueSyntax entry, int depth)
        {
            var path = Path(entry.Key!);
            var (parent, parentDepth) = Walk(table, path.SkipLast(1), depth, arrays: false);
            var key = path[^1];
            var valueDepth = parentDepth + 1;
            Count(key);
            parent.Entries.Add((key, Value(entry.Value!, valueDepth)));
        }

        /// <summary>The map a <c>[table]</c> or a new item of a <c>[[table]]</c> header fills, and its depth.</summary>
        public (Table Map, int Depth) Open(Table root, TableSyntaxBase header)
        {
            var path = Path(header.Name!);
            var (parent, depth) = Walk(root, path.SkipLast(1), 0, arrays: true);
            var key = path[^1];
            depth++;
            Bound(key, depth);
            var table = new Table(key.Line, key.Column);
            switch (parent.Get(key.Value))
            {
                case null when header is TableArraySyntax:
                    Count(key);
                    parent.Entries.Add((key, new TableList([table], key.Line, key.Column)));
                    return (table, depth + 1);
                case TableList list:
                    list.Items.Add(table);
                    Count(key);
                    return (table, depth + 1);
                case null:
                    Count(key);
                    parent.Entries.Add((key, table));
                    return (table, depth);
                case Table existing:
                    // Tomlyn allows "[a.b]" after "[a]" and dotted keys under it; both fill the same map.
                    return (existing, depth);
                default:
                    throw new ContentException(key.Line, key.Column, $"The key \"{key.Value}\" is already given a value.", "Keep one of them.");
            }
        }

        // Follows a dotted path down from a map, making the maps it names; an array of tables is entered at its last item.
        private (Table Map, int Depth) Walk(Table from, IEnumerable<YamlScalar> path, int depth, bool arrays)
        {
            var current = from;
            foreach (var key in path)
            {
                depth++;
                Bound(key, depth);
                switch (current.Get(key.Value))
                {
                    case null:
                        var created = new Table(key.Line, key.Column);
                        Count(key);
                        current.Entries.Add((key, created));
                        current = created;
                        break;
                    case Table table:
                        current = table;
                        break;
                    case TableList list when arrays:
                        current = list.Items[^1];
                        depth++;
                        break;
                    default:
                        throw new ContentException(key.Line, key.Column, $"The key \"{key.Value}\" is already given a value.", "Keep one of them.");
                }
            }

            return (current, depth);
        }

        private object Value(ValueSyntax value, int depth)
        {
            var (line, column) = At(value.Span.Start);
            Bound(line, column, depth);
            Count(line, column);
            switch (value)
            {
                case StringValueSyntax text:
                    return new YamlScalar(text.Value ?? "", true, line, column);
                case BooleanValueSyntax flag:
                    return new YamlScalar(flag.Value ? "true" : "false", false, line, column);
                case IntegerValueSyntax number:
                    return new YamlScalar(number.Value.ToString(CultureInfo.InvariantCulture), false, line, column);
                case FloatValueSyntax number:
                    return new YamlScalar(number.Value.ToString("R", CultureInfo.InvariantCulture), false, line, column);
                case DateTimeValueSyntax date:
                    return new YamlScalar(Date(date.Value), false, line, column);
                case ArraySyntax array:
                    return new YamlList([.. array.Items.Select(i => (YamlNode)Value(i.Value!, depth + 1))], line, column);
                case InlineTableSyntax inline:
                    var table = new Table(line, column);
                    foreach (var item in inline.Items)
                    {
                        Add(table, item.KeyValue!, depth);
                    }

                    return table.Freeze();
                default:
                    throw new ContentException(line, column, "The front matter has a value that cannot be read.", SyntaxFix);
            }
        }

        private List<YamlScalar> Path(KeySyntax key)
        {
            var path = new List<YamlScalar> { Key(key.Key!) };
            path.AddRange(key.DotKeys.Select(d => Key(d.Key!)));
            return path;
        }

        private YamlScalar Key(BareKeyOrStringValueSyntax key)
        {
            var (line, column) = At(key.Span.Start);
            var name = key switch
            {
                BareKeySyntax bare => bare.Key!.Text!,
                StringValueSyntax quoted => quoted.Value ?? "",
                _ => key.ToString()!.Trim(),
            };
            return new YamlScalar(name, key is StringValueSyntax, line, column);
        }

        private (int Line, int Column) At(TextPosition position) => (firstLine + position.Line, position.Column + 1);

        private void Count(YamlScalar at) => Count(at.Line, at.Column);

        private void Count(int line, int column)
        {
            if (++_nodes > FrontMatterReader.MaxNodes)
            {
                throw new ContentException(line, column, $"The front matter has more than {FrontMatterReader.MaxNodes} values.",
                    "Front matter is for a few keys; move long content into the body.");
            }
        }

        private static void Bound(YamlScalar at, int depth) => Bound(at.Line, at.Column, depth);

        private static void Bound(int line, int column, int depth)
        {
            if (depth > FrontMatterReader.MaxDepth)
            {
                throw new ContentException(line, column, $"The front matter is nested more than {FrontMatterReader.MaxDepth} levels deep.",
                    "Use flat keys, or a list of simple values.");
            }
        }
    }

    // As the date check reads them: with the offset written, or none (a local date-time or date is WIB there).
    private static string Date(TomlDateTime value) => value.Kind switch
    {
        TomlDateTimeKind.OffsetDateTimeByZ or TomlDateTimeKind.OffsetDateTimeByNumber =>
            value.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        TomlDateTimeKind.LocalDateTime => value.DateTime.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TomlDateTimeKind.LocalDate => value.DateTime.DateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.DateTime.DateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
    };
}
