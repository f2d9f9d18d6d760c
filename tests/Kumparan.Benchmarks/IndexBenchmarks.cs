using BenchmarkDotNet.Attributes;
using Kumparan.Content;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Web.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kumparan.Benchmarks;

/// <summary>
/// The first index of a generated folder (read, parse, render, store, search rows) into a new database,
/// as start-up runs it (<see cref="Database.CreateNew"/>), with the code already compiled and optimized:
/// what a cold index would cost without the JIT's first-pass work (tests/bench/index.sh measures the real cold start).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class IndexBenchmarks
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "kumparan-index-benchmark-" + Guid.NewGuid().ToString("N"));
    private int _run;

    [Params(10_000)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (GenerateCommand.Run([Articles.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(_work, "content")], TextWriter.Null) != 0)
        {
            throw new InvalidOperationException("The articles could not be generated.");
        }
    }

    [Benchmark]
    public int IndexIntoNewDatabase()
    {
        var database = new Database(Path.Combine(_work, $"data-{_run++}", "kumparan.db"));
        // As the site's first start does: the schema, then the sync into the file it serves from.
        database.Migrate();
        var accepted = new ContentSync(new ArticleStore(database), new KumparanOptions(), Path.Combine(_work, "content"), NullLogger.Instance).Run().Accepted;
        return accepted == Articles ? accepted : throw new InvalidOperationException($"{accepted} of {Articles} articles were accepted.");
    }

    [IterationCleanup]
    public void DeleteDatabases()
    {
        SqliteConnection.ClearAllPools();
        foreach (var data in Directory.EnumerateDirectories(_work, "data-*"))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }
}
