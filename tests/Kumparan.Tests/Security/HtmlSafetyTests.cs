using System.Text;
using Kumparan.Fuzz;

namespace Kumparan.Tests.Security;

/// <summary>The fuzzers' and property tests' judge of safe output reads URLs the way a browser does.</summary>
public sealed class HtmlSafetyTests
{
    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("vbscript:x")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    public void ActiveOrForeignSchemesAreUnsafe(string url) => Assert.False(HtmlSafety.IsAllowedUrl(url));

    [Theory]
    [InlineData("https://kumparan.com/a")]
    [InlineData("mailto:redaksi@kumparan.com")]
    [InlineData("/kumparannews/a-1")]
    [InlineData("/a:b")]
    [InlineData("?q=a:b")]
    [InlineData("%E2%80%8Bhttps://a.id")]
    [InlineData("%6Aavascript:alert(1)")]
    public void AllowedSchemesAndRelativeReferencesAreSafe(string url) => Assert.True(HtmlSafety.IsAllowedUrl(url));

    [Fact]
    public void AnImageWhoseAddressStartsWithAZeroWidthSpaceIsARelativeReferenceAndSafe()
    {
        // An input LoaderProperties (FsCheck) can generate: Markdig percent-encodes the invisible
        // character, and a browser then reads the address as a path on this site, not as https.
        const string text = "---\ntitle: A\nchannel: kumparannews\ndate: 2025-02-04\n---\n![i](\u200Bhttps://a.id)\n";

        LoaderTarget.Run(Encoding.UTF8.GetBytes(text));

        Assert.Empty(HtmlSafety.Problems("<p><img src=\"%E2%80%8Bhttps://a.id\" alt=\"i\"></p>"));
    }
}
