using System.Text.Json;
using Kumparan.Content.Articles;
using Kumparan.Content.Import;
using Kumparan.Content.Storage;

namespace Kumparan.Content.Publishing;

public sealed record ImportReport(int Lines, int Imported, IReadOnlyList<ContentError> Errors);

/// <summary>
/// Loads an archive of JSON Lines (one article a line: the front matter's keys plus "body" in
/// Markdown) straight into SQLite as database-only articles (no source file). Each line becomes the
/// same front matter + body text a file would be and goes through the same parser and the same
/// id/slug claims; errors name the line of the archive. The text is kept as the row's source, so a
/// rebuild of a damaged database restores these rows the same way as files.
/// </summary>
public sealed class ArchiveImport(ArticleStore store, ParseContext context)
{
    public ImportReport Run(string archiveName, TextReader reader)
    {
        var errors = new List<ContentError>();
        int lines = 0, imported = 0;
        using var session = new ImportSession(store, context);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lines++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (source, keys, problem) = ToSource(line);
            if (source is null)
            {
                errors.Add(new ContentError(archiveName, lines, 1, problem!, "Write one article per line as a JSON object: {\"title\": ..., \"channel\": ..., \"date\": ..., \"body\": ...}."));
                continue;
            }

            var result = session.Add(source);
            if (result.Outcome == ImportOutcome.Rejected)
            {
                errors.AddRange(result.Errors.Select(e => OnArchiveLine(e, archiveName, lines, keys)));
                continue;
            }

            imported++;
        }

        session.Complete();
        return new ImportReport(lines, imported, errors);
    }

    /// <summary>One JSON line → "---\nkey: value\n...---\nbody", each key on its own line (JSON values are YAML).</summary>
    private static (string? Source, List<string> Keys, string? Problem) ToSource(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return (null, [], $"The line is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, [], "The line is not a JSON object.");
            }

            var frontMatter = new List<KeyValuePair<string, object?>>();
            string body = "", title = "";
            var hasSlug = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "body")
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        return (null, [], "\"body\" must be a string of Markdown.");
                    }

                    body = property.Value.GetString()!;
                    continue;
                }

                if (property.Value.ValueKind == JsonValueKind.Null || !IsKey(property.Name))
                {
                    if (!IsKey(property.Name))
                    {
                        return (null, [], $"\"{property.Name}\" is not a front matter key.");
                    }

                    continue;
                }

                title = property.Name == "title" && property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : title;
                hasSlug |= property.Name == "slug";
                frontMatter.Add(new(property.Name, property.Value));
            }

            if (!hasSlug && Slug.FromName(title) is { Length: > 0 } slug)
            {
                // A file's slug defaults to its name; an archive line has none, so the title gives it.
                frontMatter.Add(new("slug", slug));
            }

            // Written while the document lives: the values are its elements.
            return (ImportSession.Source(frontMatter, body), frontMatter.ConvertAll(k => k.Key), null);
        }
    }

    private static bool IsKey(string name) => name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || c == '_');

    // Errors in the generated text point at a key (front matter) or at a line of "body".
    private static ContentError OnArchiveLine(ContentError error, string archiveName, int line, List<string> keys)
    {
        var bodyStart = keys.Count + 3;
        var where = error.Line >= 2 && error.Line < bodyStart ? $" (key \"{keys[error.Line - 2]}\")"
            : error.Line >= bodyStart ? $" (line {error.Line - bodyStart + 1} of \"body\")"
            : "";
        return new ContentError(archiveName, line, 1, error.Problem + where, error.Fix);
    }
}
