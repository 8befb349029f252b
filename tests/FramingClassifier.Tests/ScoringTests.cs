using NUnit.Framework;

namespace FramingClassifier.Tests;

internal sealed class ScoringTests
{
    private static IEnumerable<string> ManySentences(int n) =>
        Enumerable.Range(0, n).Select(i => i % 3 == 0
            ? $"“Gunmen number {i} shelled the port,” a witness said."
            : $"Officials confirmed {i} fighters left the capital during the football match.");

    [Test]
    public void ParallelBatchEqualsSequentialAndKeepsOrder()
    {
        FramingModel model = ToyData.Model.Value;
        string[] texts = ManySentences(10_000).ToArray();
        Prediction[] parallel = model.PredictBatch(texts).ToArray();
        Prediction[] sequential = model.PredictBatch(texts, maxDegreeOfParallelism: 1).ToArray();
        Assert.That(parallel.Select(p => p.Text), Is.EqualTo(texts));
        for (int i = 0; i < texts.Length; i++)
            for (int h = 0; h < model.Heads.Count; h++)
                Assert.That(parallel[i].Heads[h].Probabilities.ToArray(), Is.EqualTo(sequential[i].Heads[h].Probabilities.ToArray()));
    }

    [Test]
    public void ProbabilitiesOfEachHeadSumToOne()
    {
        foreach (HeadPrediction h in ToyData.Model.Value.Predict("Gunmen attacked the airport.").Heads)
        {
            float sum = 0;
            foreach (float p in h.Probabilities) sum += p;
            Assert.That(sum, Is.EqualTo(1f).Within(1e-5f));
            Assert.That(h.Probability, Is.EqualTo(h[h.Label]));
        }
    }

    [Test]
    public void TheBufferOverloadAllocatesNothingOnceWarm()
    {
        FramingModel model = ToyData.Model.Value;
        Assert.That(Allocations.OfWarmPredictions(model), Is.Zero);
    }

    [Test]
    public void BufferTooSmallAndUnknownHeadGiveClearErrors()
    {
        FramingModel model = ToyData.Model.Value;
        Assert.Throws<ArgumentException>(() => model.Predict("x", new float[1]));
        var e = Assert.Throws<KeyNotFoundException>(() => _ = model.Predict("x")["stance"]);
        Assert.That(e!.Message, Does.Contain("topic, voice"));
    }

    [Test]
    public void ExplainNamesTheFeaturesThatDecided()
    {
        Explanation e = ToyData.Model.Value.Explain("“The militia held the airport at dawn,” a witness said.", "voice", top: 5);
        Assert.That(e.Prediction.Label, Is.EqualTo("attributed"));
        Assert.That(e.Features, Has.Count.EqualTo(5));
        Assert.That(e.Features.Select(f => Math.Abs(f.Contribution)), Is.Ordered.Descending);
        Assert.That(e.Features[0].Contribution, Is.GreaterThan(0));
        // The quotation decides: its first word, named as a quoted word, weighs most for "attributed".
        Assert.That((e.Features[0].Feature, e.Features[0].Kind), Is.EqualTo(("quoted:the", FeatureKind.QuotedWord)));
        Assert.That(e.Features.Select(f => f.Feature), Has.All.Not.Empty);
    }

    [TestCase(KernelSet.Vector128)]
    [TestCase(KernelSet.Vector256)]
    public void ScalarScoringPathGivesTheSamePredictions(KernelSet kernels)
    {
        Assume.That(KernelChoice.IsAccelerated(kernels), $"this machine does not accelerate {kernels}");
        FramingModel model = ToyData.Model.Value;
        string[] texts = ManySentences(50).ToArray();
        float[][] vector = texts.Select(t => Probabilities(model, t, kernels)).ToArray();
        for (int i = 0; i < texts.Length; i++) Assert.That(Probabilities(model, texts[i], KernelSet.Scalar), Is.EqualTo(vector[i]));
    }

    [Test]
    public void TheBestKernelsAreTheWidestThisMachineAccelerates() =>
        Assert.That(KernelChoice.Best, Is.EqualTo(Enum.GetValues<KernelSet>().Last(KernelChoice.IsAccelerated)));

    [Test]
    public void PredictScoresWithTheBestKernels()
    {
        FramingModel model = ToyData.Model.Value;
        foreach (string text in ManySentences(10))
        {
            var buffer = new float[model.LabelCount];
            model.Predict(text, buffer);
            Assert.That(buffer, Is.EqualTo(Probabilities(model, text, KernelChoice.Best)));
        }
    }

    [TestCase(KernelSet.Vector128)]
    [TestCase(KernelSet.Vector256)]
    public void EveryScoringKernelGivesTheSameScoresAtEveryRowWidth(KernelSet kernels)
    {
        Assume.That(KernelChoice.IsAccelerated(kernels), $"this machine does not accelerate {kernels}");
        // Strides 8 to 32 take the kernel that keeps the sums in registers, 40 the one that keeps them in memory.
        var options = FeaturizerOptions.Default with { Buckets = 1 << 12 };
        var random = new Random(5);
        var scratch = new ScoringScratch();
        foreach (int classes in new[] { 3, 7, 15, 23, 31, 39 })
        {
            uint[] rowBuckets = Enumerable.Range(0, options.Buckets).Where(_ => random.Next(4) != 0).Select(b => (uint)b).ToArray();
            float[] packed = Enumerable.Range(0, rowBuckets.Length * classes).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            float[] idf = rowBuckets.Select(_ => 1 + (float)random.NextDouble()).ToArray();
            float[] bias = Enumerable.Range(0, classes).Select(_ => (float)random.NextDouble()).ToArray();
            LinearModel model = LinearModelBuilder.FromPacked(options.Buckets, classes, rowBuckets, idf, packed, bias, 2.5f);
            foreach (string text in ManySentences(20).Append("the the the rebels rebels said"))
            {
                scratch.EnsureWidth(model.Stride);
                scratch.Featurize(options, text, out _);
                Assert.That(Scores(model, options, scratch, kernels), Is.EqualTo(Scores(model, options, scratch, KernelSet.Scalar)), $"{classes} classes: {text}");
            }
        }
    }

    private static float[] Scores(LinearModel model, in FeaturizerOptions options, ScoringScratch scratch, KernelSet kernels)
    {
        model.ScoreWith(kernels, options, scratch.Counter, scratch.Accumulator, scratch.Scores);
        return scratch.Scores[..model.Stride];
    }

    private static float[] Probabilities(FramingModel model, string text, KernelSet kernels)
    {
        var buffer = new float[model.LabelCount];
        model.PredictWith(kernels, text, buffer);
        return buffer;
    }

    [Test]
    public unsafe void EveryRowStartsOnACacheLine()
    {
        foreach (FramingModel model in new[] { FramingModel.Default, ToyData.Model.Value })
        {
            GC.Collect(); // the rows must stay put when the heap is compacted
            fixed (float* rows = model.Linear.Weights)
                Assert.That((long)rows % 64, Is.EqualTo(0L), $"stride {model.Linear.Stride}");
        }
    }

    [Test]
    public void LoneSurrogatesNeverThrow()
    {
        FramingModel model = ToyData.Model.Value;
        string cut = "Gunmen held the port 🙂"[..^1];
        Assert.That(model.Predict(cut)["topic"].Label, Is.Not.Null);
        Assert.That(model.PredictBatch(["ok", cut, "\udc00 at dawn"]).Count(), Is.EqualTo(3));
        Assert.That(model.Explain(cut, "topic").Features, Is.Not.Empty);
    }

    /// <summary>
    /// Explaining a word costs memory in proportion to its length: naming each character n-gram must not
    /// rebuild the word (an 80,000-character word once took 18 s). Twice the word, about twice the bytes.
    /// </summary>
    [Test]
    public void ExplainWorkGrowsLinearlyWithAWordsLength()
    {
        FramingModel model = FramingModel.Default; // 2^20 buckets: every n-gram of a long word gets its own name
        long Allocated(int length)
        {
            string text = "gunmen " + Letters(length);
            model.Explain(text, "framing");
            long before = GC.GetAllocatedBytesForCurrentThread();
            Explanation e = model.Explain(text, "framing");
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(e.Features, Is.Not.Empty);
            return bytes;
        }
        // Pseudo-random letters, so nearly every character n-gram is a feature of its own.
        static string Letters(int length)
        {
            var chars = new char[length];
            uint x = 12345;
            for (int i = 0; i < length; i++) chars[i] = (char)('a' + ((x = x * 1103515245 + 12345) >> 16) % 26);
            return new string(chars);
        }
        double ratio = (double)Allocated(20_000) / Allocated(10_000);
        Assert.That(ratio, Is.LessThan(3), "quadratic work allocates about 4 times as much for twice the word");
    }
}
