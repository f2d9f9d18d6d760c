using Dapper;
using Microsoft.Data.Sqlite;

namespace Kumparan.Content.Storage;

/// <summary>Versioned schema changes, applied in order at start-up, each in its own transaction.</summary>
internal static class Migrations
{
    // Append only: a released migration is never edited. SQL stays portable (PostgreSQL later)
    // except the FTS5 table, the known exception.
    private static readonly (int Version, string Sql)[] Steps =
    [
        (1, """
            CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                slug TEXT NOT NULL,
                channel TEXT NOT NULL,
                title TEXT NOT NULL,
                published_at BIGINT NOT NULL,
                expires_at BIGINT NULL,
                draft INTEGER NOT NULL,
                source_path TEXT NULL UNIQUE,
                document TEXT NOT NULL,
                source_text TEXT NULL,
                changed_at BIGINT NOT NULL
            );
            CREATE UNIQUE INDEX articles_channel_slug ON articles (channel, slug);
            CREATE INDEX articles_published ON articles (published_at);
            CREATE TABLE article_topics (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                slug TEXT NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (article_id, slug)
            );
            CREATE INDEX article_topics_slug ON article_topics (slug);
            CREATE TABLE article_authors (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                slug TEXT NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (article_id, position)
            );
            CREATE INDEX article_authors_slug ON article_authors (slug);
            CREATE TABLE pages (
                slug TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                summary TEXT NOT NULL,
                html TEXT NOT NULL,
                source_path TEXT NOT NULL UNIQUE,
                source_text TEXT NOT NULL
            );
            CREATE TABLE content_files (
                path TEXT PRIMARY KEY,
                size BIGINT NOT NULL,
                modified_ticks BIGINT NOT NULL,
                hash TEXT NOT NULL,
                status TEXT NOT NULL,
                errors TEXT NULL
            );
            CREATE TABLE gone_articles (
                id TEXT PRIMARY KEY,
                path TEXT NOT NULL,
                gone_at BIGINT NOT NULL
            );
            CREATE VIRTUAL TABLE articles_fts USING fts5 (
                article_id UNINDEXED, title, summary, body,
                tokenize = 'unicode61 remove_diacritics 2'
            );
            """),
        // The store answers the pages' queries: the body apart from the listed fields (lists read only
        // the small document), what decides listing as columns ahead of the large ones (a row is read
        // from its start), the list tables carrying the order and visibility columns so a page of any
        // list is a range of one covering index, counts kept per list. The articles table is copied
        // (rowids kept: the search rows share them); its list rows are derived again by the backfill.
        (2, """
            CREATE TABLE articles_v2 (
                id TEXT PRIMARY KEY,
                slug TEXT NOT NULL,
                channel TEXT NOT NULL,
                title TEXT NOT NULL,
                published_at BIGINT NOT NULL,
                expires_at BIGINT NULL,
                draft INTEGER NOT NULL,
                listed INTEGER NOT NULL DEFAULT 0,
                sponsored INTEGER NOT NULL DEFAULT 0,
                modified_at BIGINT NOT NULL DEFAULT 0,
                month INTEGER NOT NULL DEFAULT 0,
                changed_at BIGINT NOT NULL,
                source_path TEXT NULL UNIQUE,
                document BLOB NOT NULL,
                body BLOB NULL,
                source_text BLOB NULL
            );
            INSERT INTO articles_v2 (rowid, id, slug, channel, title, published_at, expires_at, draft, listed, sponsored, modified_at, month,
                changed_at, source_path, document, body, source_text)
            SELECT rowid, id, slug, channel, title, published_at, expires_at, draft, 0, 0, 0, 0, changed_at, source_path, document, NULL, source_text
            FROM articles;
            DROP TABLE articles;
            ALTER TABLE articles_v2 RENAME TO articles;
            CREATE UNIQUE INDEX articles_channel_slug ON articles (channel, slug);
            CREATE INDEX articles_home ON articles (published_at DESC, id, expires_at) WHERE listed = 1;
            CREATE INDEX articles_channel ON articles (channel, published_at DESC, id, expires_at) WHERE listed = 1;
            CREATE INDEX articles_expiry ON articles (expires_at, channel) WHERE listed = 1 AND expires_at IS NOT NULL;
            CREATE INDEX articles_month ON articles (month, modified_at) WHERE listed = 1;
            ALTER TABLE article_topics ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE article_topics ADD COLUMN expires_at BIGINT NULL;
            ALTER TABLE article_topics ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;
            DROP INDEX article_topics_slug;
            CREATE INDEX article_topics_list ON article_topics (slug, published_at DESC, article_id, expires_at) WHERE listed = 1;
            CREATE INDEX article_topics_expiry ON article_topics (expires_at, slug) WHERE listed = 1 AND expires_at IS NOT NULL;
            ALTER TABLE article_authors ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE article_authors ADD COLUMN expires_at BIGINT NULL;
            ALTER TABLE article_authors ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX article_authors_list ON article_authors (slug, published_at DESC, article_id, expires_at) WHERE listed = 1;
            CREATE INDEX article_authors_expiry ON article_authors (expires_at, slug) WHERE listed = 1 AND expires_at IS NOT NULL;
            CREATE TABLE article_aliases (
                alias TEXT NOT NULL,
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                published_at BIGINT NOT NULL,
                PRIMARY KEY (alias, article_id)
            );
            CREATE INDEX article_aliases_article ON article_aliases (article_id);
            CREATE TABLE correction_refs (
                ref TEXT NOT NULL,
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                PRIMARY KEY (ref, article_id)
            );
            CREATE INDEX correction_refs_article ON correction_refs (article_id);
            CREATE TABLE list_counts (
                list TEXT PRIMARY KEY,
                listed BIGINT NOT NULL,
                modified_at BIGINT NOT NULL
            );
            CREATE TABLE content_version (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                version BIGINT NOT NULL
            );
            INSERT INTO content_version (id, version) VALUES (1, 1);
            """),
        // Pictures of content/media are shown through their checked, fingerprinted variants: every file is
        // parsed again once (its time no longer matches), by the reconcile that follows start-up, while the
        // site serves the rows it has.
        (3, """
            CREATE TABLE IF NOT EXISTS article_media (
                name TEXT NOT NULL,
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                PRIMARY KEY (name, article_id)
            );
            CREATE INDEX IF NOT EXISTS article_media_article ON article_media (article_id);
            UPDATE content_files SET modified_ticks = -1, hash = '';
            """),
        // Old addresses of a site the newsroom moved in from (categories, tags, authors, pages, attachment
        // pages) and where they lead now; an article's own old addresses are its aliases.
        (4, """
            CREATE TABLE IF NOT EXISTS site_redirects (
                path TEXT PRIMARY KEY,
                target TEXT NOT NULL
            );
            """),
    ];

    /// <summary>Run after a step's SQL, in its transaction: fills what the SQL alone cannot derive.</summary>
    private static readonly Dictionary<int, Action<SqliteConnection, SqliteTransaction>> Backfills = new()
    {
        [2] = SyncWriter.Rederive,
    };

    public static int Latest => Steps[^1].Version;

    /// <param name="upTo">The last version to apply (a database of an earlier version, for tests of the upgrade).</param>
    public static void Apply(SqliteConnection connection, int upTo = int.MaxValue)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
        foreach (var (version, sql) in Steps)
        {
            if (applied.Contains(version) || version > upTo)
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            connection.Execute(sql, transaction: transaction);
            if (Backfills.TryGetValue(version, out var backfill))
            {
                backfill(connection, transaction);
            }

            connection.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
                new { version, at = DateTimeOffset.UtcNow.ToString("O") }, transaction);
            transaction.Commit();
        }
    }
}
