using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Kumparan.Web.Seo;

/// <summary>
/// Serializes structured data for a <c>&lt;script type="application/ld+json"&gt;</c> element. The encoder
/// writes &lt; &gt; &amp; ' " as \uXXXX escapes, so no value can close the element (<c>&lt;/script&gt;</c>)
/// or open an HTML comment (<c>&lt;!--</c>); U+2028 and U+2029 are escaped too, as the encoder always
/// escapes line and paragraph separators. Letters outside ASCII stay readable.
/// </summary>
public static class JsonLd
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public static string Serialize(JsonObject data) => data.ToJsonString(Options);
}
