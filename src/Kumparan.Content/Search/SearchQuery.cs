using System.Globalization;
using System.Text;

namespace Kumparan.Content.Search;

/// <summary>
/// Turns what a reader typed into an FTS5 query that cannot be a syntax error: the words (runs
/// of letters, digits and marks) each in double quotes, joined by spaces (all words must match).
/// FTS5 operators (AND, OR, NOT, NEAR, *, ^, -, :, parentheses) and quotes typed by the reader
/// become separators or plain words, never syntax.
/// </summary>
public static class SearchQuery
{
    /// <summary>Only the start of a very long input is read; a search box is not a document.</summary>
    public const int MaxInputLength = 500;

    public const int MaxWords = 12;

    public const int MaxWordLength = 60;

    /// <summary>The input as shown back to the reader (in the box, the title, page links): trimmed, capped, without control characters or broken surrogates.</summary>
    public static string Display(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return "";
        }

        var text = input.Length > MaxInputLength ? input[..MaxInputLength] : input;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c))
            {
                builder.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>The words searched for, lowercase, at most <see cref="MaxWords"/>; empty when there is nothing to search.</summary>
    public static IReadOnlyList<string> Words(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return [];
        }

        var text = input.Length > MaxInputLength ? input[..MaxInputLength] : input;
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (IsWordCharacter(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush(words, word);
        }

        Flush(words, word);
        return words.Distinct(StringComparer.Ordinal).Take(MaxWords).ToList();
    }

    /// <summary>
    /// The tokens of a text as the search index sees them (its unicode61 tokenizer with diacritics removed):
    /// lowercase runs of letters and digits, marks dropped. Used to tell which results have every word in the title.
    /// </summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (IsWordCharacter(c))
            {
                token.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (token.Length > 0)
            {
                yield return token.ToString();
                token.Clear();
            }
        }

        if (token.Length > 0)
        {
            yield return token.ToString();
        }
    }

    /// <summary>The FTS5 MATCH expression for the input; null when it has no words.</summary>
    public static string? ToMatch(string? input)
    {
        var words = Words(input);
        // A word holds only letters, digits and marks, so it can never close its quotes.
        return words.Count == 0 ? null : string.Join(' ', words.Select(w => "\"" + w + "\""));
    }

    private static bool IsWordCharacter(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        _ => false,
    };

    private static void Flush(List<string> words, StringBuilder word)
    {
        if (word.Length > 0)
        {
            words.Add(word.Length > MaxWordLength ? word.ToString(0, MaxWordLength) : word.ToString());
            word.Clear();
        }
    }
}
