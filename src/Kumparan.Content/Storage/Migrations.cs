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
    ];

    public static int Latest => Steps[^1].Version;

    public static void Apply(SqliteConnection connection)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
        foreach (var (version, sql) in Steps)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            connection.Execute(sql, transaction: transaction);
            connection.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
                new { version, at = DateTimeOffset.UtcNow.ToString("O") }, transaction);
            transaction.Commit();
        }
    }
}
