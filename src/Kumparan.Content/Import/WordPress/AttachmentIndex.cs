using Dapper;
using Microsoft.Data.Sqlite;

namespace Kumparan.Content.Import.WordPress;

/// <summary>An attachment of the export: a picture or file, the post it belongs to, its own page.</summary>
public sealed record WxrAttachment(long Id, long Parent, string Url, string Link, string Alt, string Caption, long Width, long Height);

/// <summary>
/// The export's attachments, noted in a first pass over the file and asked for by id (a post's featured
/// image) or by post (its attachment pages) in the second: in a scratch SQLite file, so an export with
/// a million attachments costs no memory. Deleted with the import.
/// </summary>
internal sealed class AttachmentIndex : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"kumparan-wxr-{Guid.NewGuid():N}.db");
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    public AttachmentIndex()
    {
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        _connection.Open();
        _connection.Execute("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE attachments (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL, url TEXT NOT NULL, link TEXT NOT NULL,
                alt TEXT NOT NULL, caption TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL);
            """);
        _transaction = _connection.BeginTransaction();
    }

    public void Add(long id, long parent, string url, string link, string alt, string caption, int width, int height) =>
        _connection.Execute("INSERT OR REPLACE INTO attachments VALUES (@id, @parent, @url, @link, @alt, @caption, @width, @height)",
            new { id, parent, url, link, alt, caption, width, height }, _transaction);

    /// <summary>Ends the first pass: commits and indexes by post.</summary>
    public void Complete()
    {
        _transaction?.Commit();
        _transaction = null;
        _connection.Execute("CREATE INDEX attachments_parent ON attachments (parent)");
    }

    public WxrAttachment? Find(long id) =>
        _connection.QuerySingleOrDefault<WxrAttachment>("SELECT id, parent, url, link, alt, caption, width, height FROM attachments WHERE id = @id", new { id });

    public List<WxrAttachment> Of(long post) =>
        _connection.Query<WxrAttachment>("SELECT id, parent, url, link, alt, caption, width, height FROM attachments WHERE parent = @post ORDER BY id LIMIT 500", new { post }).AsList();

    public void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
        File.Delete(_path);
    }
}
