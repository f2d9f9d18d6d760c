using System.Diagnostics;
using System.Text;

namespace Kumparan.Fuzz;

/// <summary>
/// A bounded, coverage-blind mutation fuzzer for machines without a fuzzing engine: byte flips,
/// inserts, deletes, chunk copies, splices between corpus files and hostile tokens. Each input runs
/// under a watchdog, so a hang is a finding like a crash or unsafe output.
/// </summary>
public static class MutationLoop
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "---\n", "\n---\n", "title: ", "channel: kumparannews\n", "date: 2025-02-04T13:05:00+07:00\n", "slug: ", "id: ", "aliases: [", "//evil.example/x",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:", "JaVaScRiPt:", "&#x6A;avascript:", "&#106;", "java\tscript:", "vbscript:",
            "data:text/html,", "[a](", "](", ")", "![i](", " \"t\\\"itle\")", "<javascript:alert(1)>", "<http://x>", "```\"><script>\n", "```", "~~~ onload=x\n",
            "> ", "- ", "1. ", "    ", "\t", "&a [", "*a", "!!binary ", "\u202E", "\u200B", "\uFEFF", "\r\n", "\r", "\0", "[x]: javascript:y\n", "[x][x]",
            "| a | b |\n|---|---|\n", "<", ">", "\"", "'", "`", "\\", "#", "*", "_", "~~", "==", "++", "^", "%", "&", ";", ":", "://", "www.", "mailto:",
        }.Select(Encoding.UTF8.GetBytes),
        [0xC0, 0xAE], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    public static int Run(List<(string Name, byte[] Bytes)> corpus, TimeSpan duration, string findings, TextWriter output)
    {
        var random = new Random(Environment.TickCount);
        var watch = Stopwatch.StartNew();
        long executions = 0, accepted = 0;
        var slowest = TimeSpan.Zero;
        var pool = corpus.Select(c => c.Bytes).ToList();
        var nextReport = TimeSpan.FromMinutes(1);
        while (watch.Elapsed < duration)
        {
            var input = Mutate(pool[random.Next(pool.Count)], pool, random);
            var started = watch.Elapsed;
            var run = Task.Run(() => LoaderTarget.Run(input));
            var finished = run.Wait(HangLimit) || run.IsCompleted;
            var elapsed = watch.Elapsed - started;
            if (!finished)
            {
                return Finding(findings, input, "hang", $"no answer within {HangLimit.TotalSeconds} s", output);
            }

            if (run.Exception is { } e)
            {
                return Finding(findings, input, "crash", e.InnerException?.ToString() ?? e.ToString(), output);
            }

            executions++;
            slowest = elapsed > slowest ? elapsed : slowest;
            if (Accepted(input))
            {
                accepted++;
                if (pool.Count < 5_000 && random.Next(8) == 0)
                {
                    pool.Add(input); // accepted inputs are the interesting ones to mutate further
                }
            }

            if (watch.Elapsed >= nextReport)
            {
                output.WriteLine($"{watch.Elapsed:hh\\:mm\\:ss} {executions:N0} runs, {accepted:N0} accepted, slowest {slowest.TotalMilliseconds:N0} ms, pool {pool.Count}");
                nextReport += TimeSpan.FromMinutes(1);
            }
        }

        output.WriteLine($"done: {executions:N0} runs in {watch.Elapsed:hh\\:mm\\:ss}, {accepted:N0} accepted, 0 crashes, 0 hangs, 0 unsafe outputs; slowest input {slowest.TotalMilliseconds:N0} ms");
        return 0;
    }

    private static bool Accepted(byte[] input) =>
        Kumparan.Content.Articles.ArticleParser.Parse(LoaderTarget.File, input, new(new Kumparan.Content.KumparanOptions(), "/nonexistent")).Accepted;

    private static int Finding(string folder, byte[] input, string kind, string detail, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{kind}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input))[..16]}.md");
        File.WriteAllBytes(path, input);
        output.WriteLine($"{kind.ToUpperInvariant()}: {detail}\ninput saved to {path}");
        return 1;
    }

    private static byte[] Mutate(byte[] source, List<byte[]> pool, Random random)
    {
        var bytes = new List<byte>(source);
        var count = 1 + random.Next(6);
        for (var i = 0; i < count; i++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count + 1);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(Math.Min(at, bytes.Count - 1), Math.Min(1 + random.Next(16), bytes.Count - Math.Min(at, bytes.Count - 1)));
                    break;
                case 3 when bytes.Count > 0:
                    {
                        var start = random.Next(bytes.Count);
                        var length = Math.Min(1 + random.Next(64), bytes.Count - start);
                        var chunk = bytes.GetRange(start, length);
                        var times = random.Next(4) == 0 ? random.Next(200) : 1; // sometimes many copies: depth, length
                        for (var t = 0; t < times && bytes.Count < 200_000; t++)
                        {
                            bytes.InsertRange(at, chunk);
                        }

                        break;
                    }

                case 4:
                    {
                        var other = pool[random.Next(pool.Count)];
                        if (other.Length > 0)
                        {
                            var start = random.Next(other.Length);
                            bytes.InsertRange(at, other.AsSpan(start, Math.Min(1 + random.Next(128), other.Length - start)).ToArray());
                        }

                        break;
                    }

                default:
                    bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
            }
        }

        return bytes.ToArray();
    }
}
