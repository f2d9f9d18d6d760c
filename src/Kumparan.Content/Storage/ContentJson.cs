using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kumparan.Content.Articles;

namespace Kumparan.Content.Storage;

/// <summary>How an article is kept in the <c>document</c> column (source-generated, no reflection).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Article))]
[JsonSerializable(typeof(List<ContentError>))]
[JsonSerializable(typeof(List<Kumparan.Content.Rendering.BodyBlock>))]
internal sealed partial class ContentJson : JsonSerializerContext
{
    /// <summary>
    /// The context for the database: only what JSON itself requires is escaped. The default encoder
    /// writes every &lt; &gt; &amp; " of the body's HTML as \u003C…, which makes the stored documents 25%
    /// larger and slower to write and read. These strings never go into a page as JSON.
    /// </summary>
    public static ContentJson Stored => field ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
