using System.Diagnostics;

namespace Kumparan.Tests.Support;

/// <summary>
/// Waits for something the site does in the background (the content watcher) by polling, with a
/// generous timeout so a loaded machine does not fail the test; never a fixed sleep.
/// </summary>
public static class Eventually
{
    /// <summary>
    /// The deadline for a change that takes a fraction of a second (README: about a quarter of a
    /// second): a test goes on as soon as it shows, and only a change that never comes waits this
    /// long. Thirty seconds leave room for a 2-core machine running the suite beside other work
    /// (load averages of 25); how fast a save shows is measured by tests/bench/save-to-visible.sh.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? Timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Waited {limit.TotalSeconds:0} s for {what}; last seen: {value}");
            }

            await Task.Delay(25);
        }
    }

    public static Task<T> Until<T>(Func<T> probe, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(probe()), done, what, timeout);
}
