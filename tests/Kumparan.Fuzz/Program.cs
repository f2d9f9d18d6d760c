using System.Diagnostics;
using Kumparan.Fuzz;
using SharpFuzz;

// Modes (see tests/README.md, "Fuzzing"):
//   afl                          SharpFuzz out-of-process target for afl-fuzz (AFL++ from Debian)
//   libfuzzer                    SharpFuzz target for libfuzzer-dotnet, where that driver is available
//   loop <minutes> [findings]    our own mutation loop over the seed corpus, bounded in time
//   corpus                       runs every seed file once (a quick check of the harness itself)
switch (args)
{
    case ["afl"]:
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            LoaderTarget.Run(buffer.ToArray());
        });
        return 0;
    case ["libfuzzer"]:
        Fuzzer.LibFuzzer.Run(span => LoaderTarget.Run(span));
        return 0;
    case ["loop", var minutes, ..]:
        return MutationLoop.Run(Corpus.Load(), TimeSpan.FromMinutes(double.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture)),
            args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "kumparan-fuzz-findings"), Console.Out);
    case ["corpus"]:
        var watch = Stopwatch.StartNew();
        foreach (var (name, bytes) in Corpus.Load())
        {
            LoaderTarget.Run(bytes);
            Console.WriteLine($"ok {name} ({bytes.Length} bytes)");
        }

        Console.WriteLine($"corpus ok in {watch.ElapsedMilliseconds} ms");
        return 0;
    default:
        Console.Error.WriteLine("usage: Kumparan.Fuzz afl | libfuzzer | loop <minutes> [findings-folder] | corpus");
        return 2;
}
