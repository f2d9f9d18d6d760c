using System.Text.Json.Serialization;
using Kumparan.Content.Articles;

namespace Kumparan.Content.Storage;

/// <summary>How an article is kept in the <c>document</c> column (source-generated, no reflection).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Article))]
[JsonSerializable(typeof(List<ContentError>))]
internal sealed partial class ContentJson : JsonSerializerContext;
