using System.Numerics;

namespace Kumparan.Content.Articles;

/// <summary>Kumparan-style ids: base62 (0-9A-Za-z) of the publication time in Unix nanoseconds.</summary>
public static class ArticleId
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string FromPublicationTime(DateTimeOffset published)
    {
        var nanoseconds = (BigInteger)(published.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        return ToBase62(nanoseconds);
    }

    public static string ToBase62(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Ids are made from times after 1970.");
        }

        if (value.IsZero)
        {
            return "0";
        }

        var digits = new Stack<char>();
        while (!value.IsZero)
        {
            value = BigInteger.DivRem(value, 62, out var remainder);
            digits.Push(Alphabet[(int)remainder]);
        }

        return new string([.. digits]);
    }

    /// <summary>Ids given in front matter and ids in URLs: base62 characters only, 1 to 32 of them.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > 32)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
