using System.Text.Json.Serialization;

namespace Kumparan.Content.Rendering;

public enum BlockKind
{
    Paragraph,
    Heading,
    List,
    Quote,
    Code,
    Table,
    Other,
}

/// <summary>One top-level block of a rendered body: its safe HTML and the words a reader reads in it.</summary>
public sealed record BodyBlock(BlockKind Kind, string Html, int Words, int CjkCharacters = 0)
{
    [JsonIgnore]
    public TextStatistics Text => new(Words, CjkCharacters);
}
