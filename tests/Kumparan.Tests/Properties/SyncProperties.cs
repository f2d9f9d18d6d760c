using Dapper;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kumparan.Content;
using Kumparan.Content.Articles;
using Kumparan.Content.Publishing;
using Kumparan.Content.Storage;
using Kumparan.Tests.Support;

namespace Kumparan.Tests.Properties;

/// <summary>
/// The synchronization against a model of the content folder: whatever editors do to files, after
/// a sync the store holds, for each file, the last version of it that was valid at a sync.
/// </summary>
public sealed class SyncProperties
{
    /// <summary>One thing an editor (or their editor program) does to the content folder.</summary>
    public sealed record EditorAction(int Kind, int File, int Other, int Cut);

    private static readonly Gen<EditorAction> Actions =
        from kind in Gen.Choose(0, 5)
        from file in Gen.Choose(0, 5)
        from other in Gen.Choose(0, 5)
        from cut in Gen.Choose(0, 400)
        select new EditorAction(kind, file, other, cut);

    private static string FileName(int n) => $"articles/kumparannews/berita-{n}.md";

    private static string Valid(int version) =>
        $"---\ntitle: Versi {version}\nchannel: kumparannews\ndate: 2025-03-01T10:00:00+07:00\nid: V{version}\n---\n\nIsi versi {version} dengan beberapa kata.\n\nParagraf kedua versi {version}.\n";

    private static (ContentSync Sync, ArticleStore Store) Open(string content, string data) => SyncedStore.Open(content, data);

    private static bool IsValid(string path, string text) =>
        ArticleParser.Parse(path, System.Text.Encoding.UTF8.GetBytes(text), new ParseContext(new KumparanOptions(), "/nonexistent")).Accepted;

    [Property(MaxTest = 60)]
    public Property AfterAnySequenceOfEditsTheStoreHoldsTheLastValidVersionOfEachFile() => Prop.ForAll(Actions.ListOf().ToArbitrary(), steps =>
    {
        using var content = new TempFolder();
        using var data = new TempFolder();
        var (sync, store) = Open(content.Path, data.Path);
        var files = new Dictionary<string, string>(StringComparer.Ordinal); // what is on disk
        var lastGood = new Dictionary<string, string>(StringComparer.Ordinal); // model: last valid text per path, as of the last sync
        var version = 0;
        foreach (var step in steps)
        {
            var path = FileName(step.File);
            var full = Path.Combine(content.Path, path);
            switch (step.Kind)
            {
                case 0 or 1: // create or save in place
                    content.Write(path, files[path] = Valid(++version));
                    break;
                case 2 when files.TryGetValue(path, out var text): // a save caught half-written
                    File.WriteAllText(full, files[path] = text[..Math.Min(step.Cut, text.Length)]);
                    break;
                case 3 when files.ContainsKey(path): // rename-over-save: write a temporary file, rename it over the original
                    var temporary = full + ".tmp";
                    File.WriteAllText(temporary, files[path] = Valid(++version));
                    File.Move(temporary, full, overwrite: true);
                    break;
                case 4 when step.Other != step.File && files.Remove(path, out var moved): // rename to another name
                    var target = FileName(step.Other);
                    File.Move(full, Path.Combine(content.Path, target), overwrite: true);
                    files[target] = moved;
                    lastGood.Remove(path); // the target path was edited, not removed: its last good version stays until a valid one replaces it
                    break;
                case 5 when files.Remove(path): // delete
                    File.Delete(full);
                    lastGood.Remove(path);
                    break;
            }

            sync.Run();
            foreach (var (file, text) in files)
            {
                if (IsValid(file, text))
                {
                    lastGood[file] = text;
                }
            }

            var expected = lastGood.Values.Select(t => t.Split('\n')[1]["title: ".Length..]).Order(StringComparer.Ordinal).ToList();
            var actual = store.LoadArticles().Select(a => a.Title).Order(StringComparer.Ordinal).ToList();
            if (!expected.SequenceEqual(actual))
            {
                return false.Label($"after {step}: expected [{string.Join(", ", expected)}], store has [{string.Join(", ", actual)}]");
            }
        }

        return true.ToProperty();
    });

    [Property(MaxTest = 15)]
    public Property IngestingTheSameFilesTwiceGivesTheSameRows() => Prop.ForAll(Gen.Choose(1, 400).ListOf().ToArbitrary(), versions =>
    {
        using var content = new TempFolder();
        using var first = new TempFolder();
        using var second = new TempFolder();
        foreach (var (v, i) in versions.Distinct().Select((v, i) => (v, i)))
        {
            content.Write(FileName(i), Valid(v));
        }

        var (syncA, storeA) = Open(content.Path, first.Path);
        syncA.Run();
        var once = Rows(storeA);
        var again = syncA.Run();
        var (syncB, storeB) = Open(content.Path, second.Path);
        syncB.Run();
        return (!again.Changed && once.SequenceEqual(Rows(storeA)) && once.SequenceEqual(Rows(storeB)))
            .Label($"second run changed: {again.Changed}");
    });

    // Every stored column but the time of the write.
    private static List<string> Rows(ArticleStore store)
    {
        using var connection = store.Database.Open();
        return connection.Query<string>(
            """
            SELECT id || '|' || slug || '|' || channel || '|' || title || '|' || published_at || '|' || COALESCE(source_path, '') || '|' || document || '|' || COALESCE(source_text, '')
            FROM articles ORDER BY id
            """).Concat(connection.Query<string>("SELECT path || '|' || size || '|' || hash || '|' || status FROM content_files ORDER BY path")).ToList();
    }
}
