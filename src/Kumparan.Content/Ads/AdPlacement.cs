using Kumparan.Content.Rendering;

namespace Kumparan.Content.Ads;

/// <summary>
/// Where ad slots go in an article body. Pure: the same blocks and options always give the same slots.
/// Reproduces kumparan's placement: after the header, after the first paragraph, then after each
/// paragraph at which the words since the previous slot reach the threshold; never after the last
/// paragraph, and only after paragraphs, so never between a heading and its paragraph nor inside a
/// list, quote, table or code block.
/// </summary>
public static class AdPlacement
{
    /// <summary>The slot before the first block.</summary>
    public const int AfterHeader = -1;

    /// <returns>Block indexes after which a slot goes, in order; <see cref="AfterHeader"/> first when enabled.</returns>
    public static IReadOnlyList<int> Place(IReadOnlyList<BodyBlock> blocks, AdOptions options)
    {
        var slots = new List<int>();
        if (!options.Enabled || blocks.Count == 0)
        {
            return slots;
        }

        if (options.SlotAfterHeader)
        {
            slots.Add(AfterHeader);
        }

        var lastParagraph = -1;
        for (var i = blocks.Count - 1; i >= 0; i--)
        {
            if (blocks[i].Kind == BlockKind.Paragraph)
            {
                lastParagraph = i;
                break;
            }
        }

        var seenParagraph = false;
        var wordsSinceSlot = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            wordsSinceSlot += block.Words;
            if (block.Kind != BlockKind.Paragraph || i == lastParagraph)
            {
                continue;
            }

            var first = !seenParagraph;
            seenParagraph = true;
            if ((first && options.SlotAfterFirstParagraph) || wordsSinceSlot >= options.WordsBetweenSlots)
            {
                slots.Add(i);
                wordsSinceSlot = 0;
            }
        }

        return slots;
    }
}
