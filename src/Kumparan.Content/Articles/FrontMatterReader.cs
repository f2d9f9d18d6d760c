using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kumparan.Content.Articles;

public abstract record YamlNode(int Line, int Column);

public sealed record YamlScalar(string Value, bool Quoted, int Line, int Column) : YamlNode(Line, Column);

public sealed record YamlList(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column);

public sealed record YamlMap(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line, int Column) : YamlNode(Line, Column);

/// <summary>
/// Reads front matter with YamlDotNet's event parser into a small tree that keeps line and column
/// of every value. Only plain data is accepted: anchors, aliases and type tags are rejected before
/// anything is expanded (no alias bombs), and size and depth are bounded.
/// </summary>
public static class FrontMatterReader
{
    public const int MaxDepth = 4;
    public const int MaxNodes = 2_000;

    /// <summary>The front matter of a file, YAML or TOML, as one tree.</summary>
    public static YamlMap Read(SourceParts parts) => parts.Format == FrontMatterFormat.Toml
        ? TomlFrontMatter.Read(parts.FrontMatter, parts.FrontMatterLine)
        : Read(parts.FrontMatter, parts.FrontMatterLine);

    /// <param name="firstLine">Line of the YAML's first line in the file (2, after the opening ---).</param>
    public static YamlMap Read(string yaml, int firstLine)
    {
        var parser = new Parser(new StringReader(yaml));
        var nodes = 0;
        try
        {
            parser.MoveNext(); // StreamStart
            parser.MoveNext();
            if (parser.Current is StreamEnd)
            {
                return new YamlMap([], firstLine, 1);
            }

            if (parser.Current is not DocumentStart)
            {
                throw new ContentException(firstLine, 1, "The front matter could not be read.", "Write one \"key: value\" per line.");
            }

            parser.MoveNext();
            var root = ReadNode(parser, firstLine, 0, ref nodes);
            if (root is not YamlMap map)
            {
                if (root is YamlScalar { Value: "", Quoted: false })
                {
                    return new YamlMap([], firstLine, 1);
                }

                throw new ContentException(root.Line, root.Column,
                    "The front matter is not a list of keys and values.",
                    "Write one \"key: value\" per line between the --- lines, e.g. \"title: ...\".");
            }

            if (parser.Current is DocumentEnd)
            {
                parser.MoveNext();
            }

            if (parser.Current is not StreamEnd)
            {
                var (line, column) = Position(parser.Current!.Start, firstLine);
                throw new ContentException(line, column, "The front matter holds more than one YAML document.",
                    "Keep a single block of keys between the two --- lines.");
            }

            return map;
        }
        catch (Exception e) when (e is not ContentException and not YamlException and not OutOfMemoryException)
        {
            // YamlDotNet can fail on some malformed input with other exceptions; it is still a YAML error.
            var (line, column) = parser.Current is { } current ? Position(current.End, firstLine) : (firstLine, 1);
            throw new ContentException(line, column, "The front matter is not valid YAML.",
                "Check brackets, indentation and quoting; put text containing \": \" or \"#\" in double quotes.");
        }
        catch (YamlException e)
        {
            var (line, column) = Position(e.Start, firstLine);
            throw new ContentException(line, column, $"The front matter is not valid YAML: {Describe(e)}",
                "Check indentation and quoting; put text containing \": \" or \"#\" in double quotes.");
        }
    }

    private static YamlNode ReadNode(Parser parser, int firstLine, int depth, ref int nodes)
    {
        var current = parser.Current ?? throw new YamlException("Unexpected end of the front matter.");
        var (line, column) = Position(current.Start, firstLine);
        if (++nodes > MaxNodes)
        {
            throw new ContentException(line, column, $"The front matter has more than {MaxNodes} values.",
                "Front matter is for a few keys; move long content into the body.");
        }

        if (current is AnchorAlias)
        {
            throw new ContentException(line, column, "YAML aliases (*name) are not allowed in front matter.",
                "Write the value out instead of referring to an anchor.");
        }

        if (current is NodeEvent node)
        {
            if (!node.Anchor.IsEmpty)
            {
                throw new ContentException(line, column, "YAML anchors (&name) are not allowed in front matter.",
                    "Remove the anchor and write values out.");
            }

            if (!node.Tag.IsEmpty)
            {
                throw new ContentException(line, column, $"YAML type tags ({node.Tag}) are not allowed in front matter.",
                    "Remove the tag; write the value as plain text.");
            }
        }

        if (depth > MaxDepth)
        {
            throw new ContentException(line, column, $"The front matter is nested more than {MaxDepth} levels deep.",
                "Use flat keys, or a list of simple values.");
        }

        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalar(scalar.Value, scalar.Style is not ScalarStyle.Plain, line, column);
            case SequenceStart:
                {
                    parser.MoveNext();
                    var items = new List<YamlNode>();
                    while (parser.Current is not SequenceEnd)
                    {
                        items.Add(ReadNode(parser, firstLine, depth + 1, ref nodes));
                    }

                    parser.MoveNext();
                    return new YamlList(items, line, column);
                }

            case MappingStart:
                {
                    parser.MoveNext();
                    var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    while (parser.Current is not MappingEnd)
                    {
                        if (ReadNode(parser, firstLine, depth + 1, ref nodes) is not YamlScalar key)
                        {
                            throw new ContentException(line, column, "A front matter key must be plain text.",
                                "Write keys as simple words, e.g. \"title:\".");
                        }

                        if (!seen.Add(key.Value))
                        {
                            throw new ContentException(key.Line, key.Column, $"The key \"{key.Value}\" appears twice.",
                                "Keep one of them.");
                        }

                        entries.Add(new(key, ReadNode(parser, firstLine, depth + 1, ref nodes)));
                    }

                    parser.MoveNext();
                    return new YamlMap(entries, line, column);
                }

            default:
                throw new ContentException(line, column, "The front matter has an unexpected structure.",
                    "Write one \"key: value\" per line.");
        }
    }

    private static (int Line, int Column) Position(Mark mark, int firstLine) =>
        ((int)Math.Min(int.MaxValue / 2, mark.Line) + firstLine - 1, (int)Math.Min(int.MaxValue / 2, mark.Column));

    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        // YamlDotNet prefixes "(Lin: 1, Col: 5, Chr: 6) - (...): "; the position is reported separately.
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        return index >= 0 ? message[(index + 3)..] : message;
    }
}
