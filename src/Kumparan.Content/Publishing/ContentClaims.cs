using Kumparan.Content.Articles;
using Kumparan.Content.Storage;

namespace Kumparan.Content.Publishing;

/// <summary>
/// Who owns an id or a slug: the earlier claim keeps it. Shared by the synchronization, the
/// <c>check</c> command (which runs the synchronization on a scratch database) and the import.
/// </summary>
public static class ContentClaims
{
    /// <summary>Label of rows that came from an import, not from a file.</summary>
    public const string DatabaseOwner = "(database)";

    /// <summary>The file (or <see cref="DatabaseOwner"/>) holding id <c>@id</c>.</summary>
    internal const string OwnerOfIdSql = $"SELECT COALESCE(source_path, '{DatabaseOwner}') FROM articles WHERE id = @id";

    /// <summary>The file (or <see cref="DatabaseOwner"/>) of another article (not <c>@id</c>) with <c>@channel</c> and <c>@slug</c>.</summary>
    internal const string OwnerOfSlugSql = $"SELECT COALESCE(source_path, '{DatabaseOwner}') FROM articles WHERE channel = @channel AND slug = @slug AND id <> @id";

    /// <summary>With the writer's prepared statements (run once per changed file or imported article).</summary>
    /// <param name="claimant">The file claiming (its path), or <see cref="DatabaseOwner"/> for an import.</param>
    internal static List<ContentError> Conflicts(SyncWriter statements, Article article, string claimant, string text) =>
        Conflicts(article, claimant, text, statements.OwnerOfId(article.Id), statements.OwnerOfSlug(article.Channel, article.Slug, article.Id));

    private static List<ContentError> Conflicts(Article article, string claimant, string text, string? owner, string? slugOwner)
    {
        var problems = new List<ContentError>();
        if (owner is not null && owner != claimant)
        {
            problems.Add(new ContentError(claimant, LineOf(text, "id"), 1, $"The id \"{article.Id}\" already belongs to {owner}.",
                "Give this article its own \"id:\" or a different date; the earlier file keeps the id."));
        }

        if (slugOwner is not null && slugOwner != claimant)
        {
            problems.Add(new ContentError(claimant, LineOf(text, "slug"), 1, $"The slug \"{article.Slug}\" is already used in {article.Channel} by {slugOwner}.",
                "Choose another \"slug:\"; the earlier file keeps this one."));
        }

        return problems;
    }

    // The line of "key:" in the front matter; for an id made from the date, the date's line.
    private static int LineOf(string text, string key)
    {
        var lines = text.Split('\n');
        foreach (var candidate in new[] { key, key == "id" ? "date" : "title" })
        {
            var index = Array.FindIndex(lines, l => l.StartsWith(candidate + ":", StringComparison.Ordinal));
            if (index >= 0)
            {
                return index + 1;
            }
        }

        return 1;
    }
}
