using System.Globalization;
using System.Text;

namespace Kumparan.Content.Articles;

/// <summary>URL slugs: lowercase a-z, 0-9 and single dashes.</summary>
public static class Slug
{
    public const int MaxLength = 120;

    public static bool IsValid(ReadOnlySpan<char> slug)
    {
        if (slug.IsEmpty || slug.Length > MaxLength || slug[0] == '-' || slug[^1] == '-')
        {
            return false;
        }

        var previousDash = false;
        foreach (var c in slug)
        {
            var dash = c == '-';
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || dash) || (dash && previousDash))
            {
                return false;
            }

            previousDash = dash;
        }

        return true;
    }

    /// <summary>Makes a slug from a name ("Korea Utara" → "korea-utara"); accents are folded, anything else becomes a dash.</summary>
    public static string FromName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingDash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }

            if (builder.Length >= MaxLength)
            {
                break;
            }
        }

        return builder.ToString().TrimEnd('-');
    }
}
