using Kumparan.Content;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kumparan.Tests.Support;

/// <summary>A real SQLite store in a data folder (migrated) and the sync of a content folder into it.</summary>
public static class SyncedStore
{
    public static (ContentSync Sync, ArticleStore Store) Open(string content, string data)
    {
        var database = new Database(Path.Combine(data, "kumparan.db"));
        database.Migrate();
        var store = new ArticleStore(database);
        return (new ContentSync(store, new KumparanOptions(), content, NullLogger.Instance), store);
    }
}
