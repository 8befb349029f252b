using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>
/// Golden values, computed independently (a Python reimplementation of the documented hash). If one
/// of these changes, every model file ever written featurizes differently: bump the format version.
/// </summary>
public sealed class NgramHasherTests
{
    private const uint Buckets = 1 << 20;

    [TestCase("rebels", 7553668u, 874715u)]
    [TestCase("terrorists", 274897846u, 217702u)]
    [TestCase("“", 423550107u, 409423u)]
    public void TokenHashAndWordBucket(string token, uint hash, uint bucket)
    {
        Assert.That(NgramHasher.HashToken(token), Is.EqualTo(hash));
        Assert.That(NgramHasher.Bucket(FeatureKind.Word, hash, Buckets), Is.EqualTo(bucket));
    }

    [Test]
    public void OtherKindsAreSaltedDifferently()
    {
        uint bigram = NgramHasher.Combine(NgramHasher.HashToken("the"), NgramHasher.HashToken("rebels"));
        Assert.That(NgramHasher.Bucket(FeatureKind.WordNgram, bigram, Buckets), Is.EqualTo(197471u));
        Assert.That(NgramHasher.Bucket(FeatureKind.CharNgram, NgramHasher.HashToken("<re"), Buckets), Is.EqualTo(522424u));
        Assert.That(NgramHasher.Bucket(FeatureKind.QuotedWord, NgramHasher.HashToken("bandits"), Buckets), Is.EqualTo(528103u));
        Assert.That(NgramHasher.Bucket(FeatureKind.SentenceFlag, 1, Buckets), Is.EqualTo(841304u));
    }

    [Test]
    public void BucketsStayInRangeForAnyCount()
    {
        var random = new Random(7);
        foreach (uint buckets in new uint[] { 16, 1000, 65537, 1 << 20 })
            for (int i = 0; i < 10_000; i++)
                Assert.That(NgramHasher.Bucket(FeatureKind.Word, (uint)random.Next(), buckets), Is.LessThan(buckets));
    }
}
