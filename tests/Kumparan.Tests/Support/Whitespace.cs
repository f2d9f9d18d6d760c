using System.Text.RegularExpressions;

namespace Kumparan.Tests.Support;

/// <summary>Text as a reader sees it: runs of whitespace shown as one space, none at either end.</summary>
public static partial class Whitespace
{
    public static string Collapse(string text) => Runs().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Runs();
}
