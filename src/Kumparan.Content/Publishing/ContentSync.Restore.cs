using System.Text;
using System.Text.Json;
using Kumparan.Content.Articles;
using Kumparan.Content.FooterPages;
using Kumparan.Content.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Kumparan.Content.Publishing;

public sealed partial class ContentSync
{
    /// <summary>
    /// Puts back what a damaged database held, before the files are synchronized again: the last
    /// accepted source of each file still on disk (so a file that is rejected today still serves its
    /// last good version), database-only articles, and the gone list. Each source is validated again
    /// by the same parser; what fails is logged. Returns the number of rows restored.
    /// </summary>
    public int Restore(Salvage salvage)
    {
        var restored = 0;
        using var writer = store.Database.WriteLock.EnterScope();
        using var connection = store.Database.Open();
        using var transaction = connection.BeginTransaction();
        using var statements = new SyncWriter(connection, transaction);
        foreach (var (id, path) in salvage.Gone)
        {
            statements.MarkGone(id, path);
        }

        foreach (var source in salvage.Sources)
        {
            try
            {
                if (RestoreOne(connection, transaction, statements, source))
                {
                    restored++;
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                LogNotRestored(source.SourcePath ?? source.Key, e.Message);
            }
        }

        statements.Flush();
        transaction.Commit();
        return restored;
    }

    private bool RestoreOne(System.Data.Common.DbConnection connection, System.Data.IDbTransaction transaction, SyncWriter statements, KeptSource source)
    {
        // A kept source of a file that is gone from disk stays gone: the synchronization would remove it anyway.
        if (source.SourcePath is { } path && ContentFolder.Stat(contentRoot, path) is null)
        {
            return false;
        }

        if (source.SourceText is not { } text)
        {
            return RestoreDocument(statements, source);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (source.IsPage)
        {
            var (page, pageErrors) = FooterPageParser.Parse(source.SourcePath!, bytes, options);
            if (page is null)
            {
                LogNotRestored(source.SourcePath!, string.Join(" ", pageErrors));
                return false;
            }

            ArticleStore.UpsertPage(connection, transaction, page, text);
            return true;
        }

        var file = source.SourcePath ?? ContentClaims.DatabaseOwner;
        var result = ArticleParser.Parse(file, bytes, _context);
        if (result.Article is not { } article)
        {
            LogNotRestored(source.SourcePath ?? source.Key, string.Join(" ", result.Errors));
            return false;
        }

        statements.Upsert(article with { SourcePath = source.SourcePath }, result.PlainText, text);
        return true;
    }

    // A database-only row stored without its source: the stored article as it is.
    private bool RestoreDocument(SyncWriter statements, KeptSource source)
    {
        if (source.IsPage || source.SourcePath is not null || source.Document is null)
        {
            LogNotRestored(source.SourcePath ?? source.Key, "no kept source");
            return false;
        }

        try
        {
            var article = JsonSerializer.Deserialize(source.Document, ContentJson.Stored.Article)!;
            statements.Upsert(article, article.Summary, null);
            return true;
        }
        catch (JsonException e)
        {
            LogNotRestored(source.Key, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not restore {Source} from the damaged database: {Reason}")]
    private partial void LogNotRestored(string source, string reason);
}
