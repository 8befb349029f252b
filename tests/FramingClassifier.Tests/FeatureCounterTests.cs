using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class FeatureCounterTests
{
    // 3,000 draws from 1,200 buckets: repeats, and growth of both the entries and the slot table mid-range.
    private static uint[] Draws()
    {
        var random = new Random(7);
        return Enumerable.Range(0, 3000).Select(_ => (uint)random.Next(1200) * 2654435761u).ToArray();
    }

    private static (uint[] Buckets, int[] Counts) Counted(FeatureCounter counter) => (counter.Buckets.ToArray(), counter.Counts.ToArray());

    [Test]
    public void AddRangeCountsLikeAddOneByOne()
    {
        uint[] draws = Draws();
        var one = new FeatureCounter();
        foreach (uint bucket in draws) one.Add(bucket);
        var ranges = new FeatureCounter();
        for (int from = 0; from < draws.Length; from += 37) ranges.AddRange(draws.AsSpan(from, Math.Min(37, draws.Length - from)));
        Assert.That(Counted(ranges), Is.EqualTo(Counted(one)));
        Assert.That(one.Buckets.ToArray(), Is.EqualTo(draws.Distinct().ToArray()), "first-occurrence order");
        Assert.That(one.Counts.ToArray(), Is.EqualTo(draws.Distinct().Select(b => draws.Count(d => d == b)).ToArray()));
    }

    [Test]
    public void ResetStartsAnEmptySentence()
    {
        var counter = new FeatureCounter();
        counter.AddRange(Draws());
        counter.Reset();
        counter.AddRange([5, 9, 5]);
        Assert.That(Counted(counter), Is.EqualTo((new uint[] { 5, 9 }, new[] { 2, 1 })));
    }
}
