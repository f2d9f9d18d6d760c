using Kumparan.Content.Publishing;

namespace Kumparan.Tests.Publishing;

/// <summary>The parsing pipeline of a sync: parallel workers, results in file order, bounded memory, failures surfaced.</summary>
public sealed class OrderedPipelineTests
{
    [Fact]
    public void ResultsComeBackInInputOrderWhateverOrderTheWorkersFinishIn()
    {
        var items = Enumerable.Range(0, 2_000).ToList();
        var results = OrderedPipeline.Map(items, i =>
        {
            // Uneven work: later items often finish before earlier ones.
            if (i % 7 == 0)
            {
                Thread.SpinWait(20_000);
            }

            return i * 2;
        }, workers: 4, window: 64).ToList();

        Assert.Equal(items.Select(i => i * 2), results);
    }

    [Fact]
    public void WorkersNeverRunMoreThanTheWindowAheadOfTheReader()
    {
        var started = 0;
        var maxAhead = 0;
        var consumed = 0;
        foreach (var item in OrderedPipeline.Map(Enumerable.Range(0, 500).ToList(), i =>
                 {
                     var ahead = Interlocked.Increment(ref started) - Volatile.Read(ref consumed);
                     InterlockedMax(ref maxAhead, ahead);
                     return i;
                 }, workers: 3, window: 16))
        {
            Assert.Equal(consumed, item);
            Thread.Sleep(item % 50 == 0 ? 5 : 0); // a slow reader now and then
            Interlocked.Increment(ref consumed);
        }

        Assert.Equal(500, consumed);
        Assert.InRange(maxAhead, 1, 16 + 1); // + the item the reader holds
    }

    [Fact]
    public void AFailureInAWorkerReachesTheReaderAndStopsTheOthers()
    {
        var mapped = 0;
        var results = new List<int>();
        var error = Assert.Throws<AggregateException>(() =>
        {
            foreach (var item in OrderedPipeline.Map(Enumerable.Range(0, 10_000).ToList(), i =>
                     {
                         Interlocked.Increment(ref mapped);
                         return i == 100 ? throw new InvalidDataException("item 100") : i;
                     }, workers: 2, window: 32))
            {
                results.Add(item);
            }
        });

        Assert.IsType<InvalidDataException>(Assert.Single(error.InnerExceptions));
        Assert.True(results.Count <= 100, $"{results.Count} results read");
        Assert.Equal(Enumerable.Range(0, results.Count), results);
        Assert.True(mapped < 200, $"{mapped} items mapped after the failure at 100");
    }

    [Fact]
    public void AReaderThatStopsEarlyLeavesNoWorkerRunning()
    {
        var mapped = 0;
        var first = OrderedPipeline.Map(Enumerable.Range(0, 100_000).ToList(), i =>
        {
            Interlocked.Increment(ref mapped);
            return i;
        }, workers: 2, window: 8).Take(10).ToList();

        Assert.Equal(Enumerable.Range(0, 10), first);
        var after = Volatile.Read(ref mapped);
        Thread.Sleep(100);
        Assert.Equal(after, Volatile.Read(ref mapped));
        Assert.InRange(after, 10, 10 + 8 + 2);
    }

    [Fact]
    public void NothingToMapStartsNoThreadAndReturnsNothing()
    {
        var called = false;
        var results = OrderedPipeline.Map(new List<int>(), i =>
        {
            called = true;
            return i;
        }, workers: 2, window: 8).ToList();

        Assert.Empty(results);
        Assert.False(called);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
