using Dapper;
using Kumparan.Tests.Support;
using Npgsql;

namespace Kumparan.Tests.Storage;

/// <summary>The private PostgreSQL server the PostgreSQL store's tests run against, and its databases.</summary>
public sealed class PostgresServerTests : IDisposable
{
    private readonly List<string> _databases = [];

    [Fact]
    public void TheServerIsPostgreSql15OrLater()
    {
        using var connection = new NpgsqlConnection(Database());

        Assert.StartsWith("PostgreSQL ", connection.QuerySingle<string>("SELECT version()"), StringComparison.Ordinal);
        Assert.True(connection.QuerySingle<int>("SELECT current_setting('server_version_num')::int") >= 150000);
    }

    [Fact]
    public void ATableInOneDatabaseIsAbsentFromAnother()
    {
        using var first = new NpgsqlConnection(Database());
        using var second = new NpgsqlConnection(Database());

        first.Execute("CREATE TABLE articles (slug text PRIMARY KEY)");

        Assert.Equal(1, first.QuerySingle<int>("SELECT count(*) FROM pg_tables WHERE tablename = 'articles'"));
        Assert.Equal(0, second.QuerySingle<int>("SELECT count(*) FROM pg_tables WHERE tablename = 'articles'"));
    }

    [Fact]
    public void UnaccentIsATrustedExtensionThatWorksInANewDatabase()
    {
        using var connection = new NpgsqlConnection(Database());

        // Trusted: a database owner without superuser rights may create it too, as a production role would.
        Assert.True(connection.QuerySingle<bool>("SELECT bool_and(trusted) FROM pg_available_extension_versions WHERE name = 'unaccent'"));
        connection.Execute("CREATE EXTENSION unaccent");
        Assert.Equal("Bahasa Indonesia", connection.QuerySingle<string>("SELECT unaccent('Bahasa Indonésia')"));
    }

    [Fact]
    public void TextSortsInByteOrderAsInSqlite()
    {
        using var connection = new NpgsqlConnection(Database());
        connection.Execute("CREATE TABLE slugs (slug text)");
        connection.Execute("INSERT INTO slugs VALUES ('a'), ('A'), ('é'), ('0'), ('/'), ('z'), ('Z')");

        Assert.Equal(["/", "0", "A", "Z", "a", "z", "é"], connection.Query<string>("SELECT slug FROM slugs ORDER BY slug"));
        // The character type still knows é is a letter.
        Assert.Equal("É", connection.QuerySingle<string>("SELECT upper('é')"));
    }

    [Fact]
    public void ADatabaseIsDroppedWhileAConnectionToItIsOpen()
    {
        var database = PostgresServer.Instance.CreateDatabase();
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        using var open = new NpgsqlConnection(database);
        open.Open();

        PostgresServer.Instance.DropDatabase(database);

        using var admin = new NpgsqlConnection(PostgresServer.Instance.ConnectionString("postgres"));
        Assert.Equal(0, admin.QuerySingle<int>("SELECT count(*) FROM pg_database WHERE datname = @name", new { name }));
    }

    private string Database()
    {
        var database = PostgresServer.Instance.CreateDatabase();
        _databases.Add(database);
        return database;
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            PostgresServer.Instance.DropDatabase(database);
        }
    }
}

/// <summary>The server stopped and started again under the tests' feet.</summary>
[Collection(nameof(PostgresOutage))]
public sealed class PostgresServerRestartTests : IDisposable
{
    private readonly string _database = PostgresServer.Instance.CreateDatabase();

    [Fact]
    public async Task ANewConnectionWorksAfterARestart()
    {
        await using (var before = new NpgsqlConnection(_database))
        {
            await before.ExecuteAsync("CREATE TABLE articles (slug text); INSERT INTO articles VALUES ('kept')");
        }

        await PostgresServer.Instance.RestartAsync();

        // A connection, not one kept in the pool: those the restart closed fail once on their next use
        // (57P01, terminating connection due to administrator command), as they would in production.
        await using var after = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_database) { Pooling = false }.ConnectionString);
        Assert.Equal("kept", await after.QuerySingleAsync<string>("SELECT slug FROM articles"));
    }

    [Fact]
    public async Task TheServerAnswersAgainAfterAStopAndAStart()
    {
        PostgresServer.Instance.Stop();
        await using (var down = new NpgsqlConnection(_database))
        {
            await Assert.ThrowsAsync<NpgsqlException>(() => down.OpenAsync());
        }

        PostgresServer.Instance.Start();

        await using var up = new NpgsqlConnection(_database);
        Assert.Equal(1, await up.QuerySingleAsync<int>("SELECT 1"));
    }

    public void Dispose() => PostgresServer.Instance.DropDatabase(_database);
}
