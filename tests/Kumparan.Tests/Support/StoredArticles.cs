using Kumparan.Content.Articles;
using Kumparan.Content.Storage;

namespace Kumparan.Tests.Support;

/// <summary>A real SQLite database in a temporary folder holding the given articles, written the way the sync writes them.</summary>
public sealed class StoredArticles : IDisposable
{
    private readonly TempFolder _data = new();

    public StoredArticles(IEnumerable<Article> articles)
    {
        Database = new Database(Path.Combine(_data.Path, "kumparan.db"));
        Database.Migrate();
        using var connection = Database.Open();
        using var transaction = connection.BeginTransaction();
        using (var writer = new SyncWriter(connection, transaction))
        {
            foreach (var article in articles)
            {
                writer.Upsert(article, article.Summary, sourceText: null);
            }

            writer.Flush();
        }

        transaction.Commit();
    }

    public Database Database { get; }

    public ArticleListing Listing => new(Database);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
