using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class FeaturizerTests
{
    private struct ListSink : IFeatureSink
    {
        public List<(uint Bucket, FeatureOrigin Origin)> Features;

        public static bool RecordsOrigins => true;

        public void Add(uint bucket) => throw new NotSupportedException();

        public void Add(uint bucket, in FeatureOrigin origin) => Features.Add((bucket, origin));
    }

    // Counts the way scoring does (no origins), taking each word's n-grams in one AddRange.
    private struct WholeWordSink() : IFeatureSink
    {
        public List<uint> Buckets = [];
        public int Ranges;

        public static bool RecordsOrigins => false;

        public void Add(uint bucket) => Buckets.Add(bucket);

        public void Add(uint bucket, in FeatureOrigin origin) => throw new NotSupportedException();

        public void AddRange(ReadOnlySpan<uint> buckets)
        {
            Ranges++;
            Buckets.AddRange(buckets.ToArray());
        }
    }

    // Relies on IFeatureSink's default AddRange, which adds one by one.
    private struct OneByOneSink() : IFeatureSink
    {
        public List<uint> Buckets = [];

        public static bool RecordsOrigins => false;

        public void Add(uint bucket) => Buckets.Add(bucket);

        public void Add(uint bucket, in FeatureOrigin origin) => throw new NotSupportedException();
    }

    private static List<(uint Bucket, FeatureOrigin Origin)> Extract(string raw, FeaturizerOptions? options = null)
    {
        FeaturizerOptions o = options ?? FeaturizerOptions.Default;
        string text = TextNormalizer.Normalize(raw, o.RemoveDiacritics);
        Token[] tokens = [];
        int n = Tokenizer.Tokenize(text, ref tokens);
        var sink = new ListSink { Features = [] };
        Featurizer.Extract(o, text, tokens.AsSpan(0, n), ref sink);
        return sink.Features;
    }

    [Test]
    public void CountsEachKindAsSpecified()
    {
        // "rebels fled": 2 tokens -> 2 words, 1 bigram; "<rebels>" (8 chars) has 6+5+4 char grams, "<fled>" (6) 4+3+2.
        var features = Extract("Rebels fled", FeaturizerOptions.Default with { VoiceFeatures = false });
        Assert.That(features.Count(f => f.Origin.Kind == FeatureKind.Word), Is.EqualTo(2));
        Assert.That(features.Count(f => f.Origin.Kind == FeatureKind.WordNgram), Is.EqualTo(1));
        Assert.That(features.Count(f => f.Origin.Kind == FeatureKind.CharNgram), Is.EqualTo(15 + 9));
    }

    [TestCase("The radical left cheered.", 1, false)]
    [TestCase("Radical Islamists cheered.", 0, true)]
    public void LeavesOutTheCharacterNgramsOfADesignationWordInANonArmedSense(string sentence, int word, bool kept)
    {
        FeaturizerOptions mention = FeaturizerOptions.Default with { MentionFeatures = true };
        Assert.That(Extract(sentence, mention).Any(f => f.Origin.Kind == FeatureKind.CharNgram && f.Origin.FirstToken == word), Is.EqualTo(kept));
        Assert.That(Extract(sentence).Any(f => f.Origin.Kind == FeatureKind.CharNgram && f.Origin.FirstToken == word), Is.True);
    }

    [Test]
    public void WordTrigramsWhenAsked()
    {
        var features = Extract("a b c d", FeaturizerOptions.Default with { WordNgrams = 3, CharNgramMax = 0, VoiceFeatures = false });
        Assert.That(features.Count(f => f.Origin.Kind == FeatureKind.WordNgram), Is.EqualTo(3 + 2));
    }

    [Test]
    public void IsDeterministicAndCaseInsensitive()
    {
        var a = Extract("The REBELS said “bandits” attacked.").Select(f => f.Bucket);
        var b = Extract("the rebels said “bandits” attacked.").Select(f => f.Bucket);
        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void QuotedAndReportedWordsGetTheirOwnFeatures()
    {
        var quoted = Extract("He called them “bandits”.");
        Assert.That(quoted.Any(f => f.Origin.Kind == FeatureKind.QuotedWord), Is.True);
        var reported = Extract("The army said bandits attacked.");
        Assert.That(reported.Any(f => f.Origin.Kind == FeatureKind.ReportedWord), Is.True);
        var plain = Extract("Bandits attacked the village.");
        Assert.That(plain.Any(f => f.Origin.Kind is FeatureKind.QuotedWord or FeatureKind.ReportedWord), Is.False);
    }

    [Test]
    public void BucketsStayBelowTheConfiguredCount()
    {
        var options = FeaturizerOptions.Default with { Buckets = 97 };
        Assert.That(Extract("Insurgents, whom the army calls “bandits”, hold the road.", options).All(f => f.Bucket < 97), Is.True);
    }

    [Test]
    public void DescribesFeaturesReadably()
    {
        string text = TextNormalizer.Normalize("He said “bandits”");
        Token[] tokens = [];
        int n = Tokenizer.Tokenize(text, ref tokens);
        var sink = new ListSink { Features = [] };
        Featurizer.Extract(FeaturizerOptions.Default, text, tokens.AsSpan(0, n), ref sink);
        var names = sink.Features.Select(f => Featurizer.Describe(f.Origin, text, tokens.AsSpan(0, n))).ToList();
        Assert.That(names, Does.Contain("he said"));
        Assert.That(names, Does.Contain("'<ban'"));
        Assert.That(names, Does.Contain("quoted:bandits"));
        Assert.That(names, Does.Contain("[HasQuote]"));
    }

    [TestCase(3, 5)]
    [TestCase(1, 8)]
    [TestCase(2, 2)]
    public void CountingSinksSeeTheSameBucketsInTheSameOrder(int charMin, int charMax)
    {
        var options = FeaturizerOptions.Default with { CharNgramMin = charMin, CharNgramMax = charMax };
        // The 300-letter word has more n-grams than the featurizer's stack buffer holds.
        string raw = "Insurgents, whom the army calls “bandits”, hold the road near " + new string('a', 300) + ".";
        string text = TextNormalizer.Normalize(raw, options.RemoveDiacritics);
        Token[] tokens = [];
        int n = Tokenizer.Tokenize(text, ref tokens);
        List<uint> withOrigins = Extract(raw, options).Select(f => f.Bucket).ToList();
        var whole = new WholeWordSink();
        Featurizer.Extract(options, text, tokens.AsSpan(0, n), ref whole);
        var oneByOne = new OneByOneSink();
        Featurizer.Extract(options, text, tokens.AsSpan(0, n), ref oneByOne);
        Assert.That(whole.Buckets, Is.EqualTo(withOrigins));
        Assert.That(oneByOne.Buckets, Is.EqualTo(withOrigins));
        Assert.That(whole.Ranges, Is.EqualTo(tokens.AsSpan(0, n).ToArray().Count(t => t.Has(TokenFlags.Word))));
    }

    [Test]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (FeaturizerOptions.Default with { WordNgrams = 4 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (FeaturizerOptions.Default with { CharNgramMin = 6 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (FeaturizerOptions.Default with { Buckets = 1 }).Validate());
    }

    [Test]
    public void DescribesCharNgramsAtTheWordBoundaries()
    {
        string text = "ab";
        Token[] tokens = [];
        int n = Tokenizer.Tokenize(text, ref tokens);
        var sink = new ListSink { Features = [] };
        Featurizer.Extract(FeaturizerOptions.Default, text, tokens.AsSpan(0, n), ref sink);
        var grams = sink.Features.Where(f => f.Origin.Kind == FeatureKind.CharNgram)
            .Select(f => Featurizer.Describe(f.Origin, text, tokens.AsSpan(0, n))).ToArray();
        Assert.That(grams, Is.EqualTo(new[] { "'<ab'", "'<ab>'", "'ab>'" }));
    }

    [Test]
    public void SublinearTfIsOnePlusTheLogOfTheCountAtEveryCount()
    {
        var sublinear = FeaturizerOptions.Default;
        var raw = sublinear with { SublinearTf = false };
        for (int count = 1; count <= 200; count++)
        {
            Assert.That(FeatureValues.Tf(sublinear, count), Is.EqualTo(count == 1 ? 1f : 1f + MathF.Log(count)), $"count {count}");
            Assert.That(FeatureValues.Tf(raw, count), Is.EqualTo((float)count), $"count {count}");
        }
    }
}
