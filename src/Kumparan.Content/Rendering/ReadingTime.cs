namespace Kumparan.Content.Rendering;

/// <summary>The "waktu baca N menit" rule: ceil(words / speed), at least one minute.</summary>
public static class ReadingTime
{
    public static int Minutes(TextStatistics text, ReadingOptions options)
    {
        var minutes = (double)text.Words / options.WordsPerMinute
            + (double)text.CjkCharacters / options.CjkCharactersPerMinute;
        return Math.Max(1, (int)Math.Ceiling(minutes - 1e-9));
    }
}

/// <summary>Word count of rendered text: whitespace-separated tokens, with CJK characters counted apart.</summary>
public readonly record struct TextStatistics(int Words, int CjkCharacters)
{
    public static TextStatistics Of(ReadOnlySpan<char> text)
    {
        var words = 0;
        var cjk = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (c >= '\u3040' && IsCjk(c))
            {
                // A CJK character is read on its own; it ends any alphabetic token before it.
                cjk++;
                inWord = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                words++;
                inWord = true;
            }
        }

        return new TextStatistics(words, cjk);
    }

    public static TextStatistics operator +(TextStatistics a, TextStatistics b) =>
        new(a.Words + b.Words, a.CjkCharacters + b.CjkCharacters);

    private static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30FF'    // Hiragana, Katakana
        or >= '\u3400' and <= '\u4DBF'      // CJK Extension A
        or >= '\u4E00' and <= '\u9FFF'      // CJK Unified Ideographs
        or >= '\uAC00' and <= '\uD7AF'      // Hangul syllables
        or >= '\uF900' and <= '\uFAFF';     // CJK Compatibility Ideographs
}
